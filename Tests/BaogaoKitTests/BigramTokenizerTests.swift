import Testing
@testable import BaogaoKit

/// (token, byte range, position) for Han, Latin, digits, punctuation, full-width input and
/// run boundaries.
struct BigramTokenizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var mode: BigramTokenizer.Mode = .document
        var expected: [String]
        var testDescription: String { "\(text) [\(mode)]" }
    }

    static let cases: [Case] = [
        Case(text: "", expected: []),
        Case(text: "党", expected: ["党@0..<3#0"]),
        Case(text: "党建", expected: ["党建@0..<6#0", "建@3..<6#1"]),
        Case(text: "乡村振兴", expected: ["乡村@0..<6#0", "村振@3..<9#1", "振兴@6..<12#2", "兴@9..<12#3"]),
        // The closing unigram keeps 乡村 and 村振 apart: no phrase across 。
        Case(text: "乡村。村振兴", expected: ["乡村@0..<6#0", "村@3..<6#1", "村振@9..<15#2", "振兴@12..<18#3", "兴@15..<18#4"]),
        Case(text: "PM2.5", expected: ["pm2@0..<3#0", "5@4..<5#1"]),
        // A word touching an ideograph run: the token after the boundary also comes glued (^),
        // colocated, so "校XX" and "校、XX" differ.
        Case(text: "5G网络", expected: ["5g@0..<2#0", "网络@2..<8#1", "^网络@2..<8#1", "络@5..<8#2"]),
        Case(text: "校XX", expected: ["校@0..<3#0", "xx@3..<5#1", "^xx@3..<5#1"]),
        Case(text: "校、XX", expected: ["校@0..<3#0", "xx@6..<8#1"]),
        Case(text: "市XX办事", expected: ["市@0..<3#0", "xx@3..<5#1", "^xx@3..<5#1", "办事@5..<11#2", "^办事@5..<11#2", "事@8..<11#3"]),
        // Full-width letters and digits fold to ASCII; ranges stay on the original bytes.
        Case(text: "ＡＰＰ", expected: ["app@0..<9#0"]),
        Case(text: "２０２１年", expected: ["2021@0..<12#0", "年@12..<15#1", "^年@12..<15#1"]),
        Case(text: "（１）", expected: ["1@3..<6#0"]),
        // A Kangxi radical and a compatibility ideograph fold to the unified ideograph.
        Case(text: "⼀是", expected: ["一是@0..<6#0", "是@3..<6#1"]),
        Case(text: "㍻", expected: ["平成@0..<3#0", "成@0..<3#1"]),
        // Zero-width space is ignorable: the run goes on across it.
        Case(text: "乡\u{200B}村", expected: ["乡村@0..<9#0", "村@6..<9#1"]),
        // Emoji and spaces are boundaries.
        Case(text: "乡村😀振兴", expected: ["乡村@0..<6#0", "村@3..<6#1", "振兴@10..<16#2", "兴@13..<16#3"]),
        Case(text: "数字 政府", expected: ["数字@0..<6#0", "字@3..<6#1", "政府@7..<13#2", "府@10..<13#3"]),
        Case(text: "Café au lait", expected: ["café@0..<5#0", "au@6..<8#1", "lait@9..<13#2"]),
        Case(text: "한국어", expected: ["한국@0..<6#0", "국어@3..<9#1", "어@6..<9#2"]),
        Case(text: "“万人助万企”", expected: ["万人@3..<9#0", "人助@6..<12#1", "助万@9..<15#2", "万企@12..<18#3", "企@15..<18#4"]),
        Case(text: "1-2家", expected: ["1@0..<1#0", "2@2..<3#1", "家@3..<6#2", "^家@3..<6#2"]),
        // Query mode: runs of two or more yield bigrams only; a lone character stays.
        Case(text: "乡村振兴", mode: .query, expected: ["乡村@0..<6#0", "村振@3..<9#1", "振兴@6..<12#2"]),
        Case(text: "村", mode: .query, expected: ["村@0..<3#0"]),
        Case(text: "乡村", mode: .query, expected: ["乡村@0..<6#0"]),
        Case(text: "ＸＸ", mode: .query, expected: ["xx@0..<6#0"]),
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) {
        #expect(BigramTokenizer.tokens(in: c.text, mode: c.mode).map(\.description) == c.expected)
    }

    @Test func invalidUTF8IsABoundaryNotACrash() {
        let bytes: [UInt8] = Array("乡村".utf8) + [0xFF, 0xC3] + Array("振兴".utf8)
        var tokens: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            _ = BigramTokenizer.tokenize(buffer, mode: .document) { token, _, _, _ in
                tokens.append(String(decoding: token, as: UTF8.self))
                return true
            }
        }
        #expect(tokens == ["乡村", "村", "振兴", "兴"])
    }

    @Test func stopsWhenEmitSaysSo() {
        let bytes = Array("乡村振兴".utf8)
        var count = 0
        let finished = bytes.withUnsafeBufferPointer { buffer in
            BigramTokenizer.tokenize(buffer, mode: .document) { _, _, _, _ in
                count += 1
                return count < 2
            }
        }
        #expect(!finished)
        #expect(count == 2)
    }

    @Test func everyRangeSlicesTheOriginal() {
        let text = "（一）坚定践行“两个维护”。ＡＰＰ学情XX次，PM2.5下降7.4%，㍻元年"
        let bytes = Array(text.utf8)
        for token in BigramTokenizer.tokens(in: text) {
            let slice = String(decoding: bytes[token.range], as: UTF8.self)
            let text = token.text.replacingOccurrences(of: String(BigramTokenizer.glue), with: "")
            #expect(ScalarFolding.fold(slice).contains(text) || text == "平成" || text == "成",
                    "\(token) does not slice its text")
        }
    }
}
