import Testing
@testable import BaogaoKit

/// Headings a format marks for sure, laid over the parser's structure.
struct ExplicitHeadingsTests {
    static let text = """
        工作总结
        总体情况
        全年完成投资12亿元，粮食产量稳定增长。
        产业发展
        新建现代农业产业园2个，带动农户增收。
        下步打算
        继续推进乡村振兴，巩固脱贫攻坚成果。
        """

    @Test func markedLinesNestByLevel() {
        let s = ExplicitHeadings.apply([2: 1, 4: 2, 6: 1], to: StructureParser.parse(Self.text))
        #expect(s.sections.map(\.heading) == ["总体情况", "产业发展", "下步打算"])
        #expect(s.sections.map(\.parentIndex) == [nil, 0, nil])
        #expect(s.passages.map(\.sectionIndex) == [nil, 0, 0, 1, 1, 2, 2])
        #expect(s.passages.count == 7)
    }

    @Test func noMarksLeaveTheStructureAlone() {
        let parsed = StructureParser.parse(Self.text)
        #expect(ExplicitHeadings.apply([:], to: parsed) == parsed)
    }

    @Test func levelsKeepTheirOrderWhateverTheNumbering() {
        // Level 1 unnumbered, level 2 numbered 一、: level 1 must still be outside.
        let kinds = ExplicitHeadings.kinds(for: [1, 2], found: [2: .chineseNumeral])
        #expect(kinds[1]!.rank < kinds[2]!.rank)
        let ladder = ExplicitHeadings.kinds(for: [1, 2, 3, 4, 5], found: [:])
        #expect(ladder.sorted { $0.key < $1.key }.map(\.value.rank) == [3, 4, 5, 6, 6])
    }

    @Test func aMarkOnAMissingLineIsIgnored() {
        let s = ExplicitHeadings.apply([99: 1], to: StructureParser.parse(Self.text))
        #expect(s.sections.isEmpty)
    }
}
