import Testing
@testable import BaogaoKit

/// A section's stored trail gives back its headings, whatever the headings hold.
struct SectionTrailTests {
    @Test func headingsComeBackFromTheTrail() {
        let table: [(headings: [String], trail: String, back: [String])] = [
            (["一、总体情况"], "一、总体情况", ["一、总体情况"]),
            (["四、党建引领", "（三）持续优化营商环境"], "四、党建引领\n（三）持续优化营商环境", ["四、党建引领", "（三）持续优化营商环境"]),
            (["第一章 总则", "第一节", "第三条"], "第一章 总则\n第一节\n第三条", ["第一章 总则", "第一节", "第三条"]),
            // A newline inside a heading becomes a space; a carriage return stays its own.
            (["一、工作\n回顾", "（一）X\r"], "一、工作 回顾\n（一）X\r", ["一、工作 回顾", "（一）X\r"]),
            (["", "二、"], "\n二、", ["", "二、"]),
        ]
        for row in table {
            var trail: String?
            for heading in row.headings { trail = SectionTrail.appending(heading, to: trail) }
            #expect(trail == row.trail, "\(row.headings)")
            #expect(SectionTrail.headings(row.trail) == row.back, "\(row.trail)")
        }
    }
}
