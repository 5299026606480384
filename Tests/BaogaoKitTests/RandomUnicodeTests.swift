import Foundation
import Testing
@testable import BaogaoKit

/// Properties over random Unicode (the query parser and search have theirs in
/// UnitsCountTests): the tokenizer, the structure parser, long-paragraph cutting, decoding,
/// and a whole index of random reports, which must check clean and answer any substring.
struct RandomUnicodeTests {
    /// Scalars from every corner: CJK (BMP and beyond), full-width forms, Latin with
    /// combining marks, digits, punctuation of both kinds, spaces, controls, NUL, emoji with
    /// joiners and variation selectors, private use, noncharacters, RTL letters.
    static let pools: [ClosedRange<UInt32>] = [
        0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xFF01...0xFF5E, 0x3000...0x303F,
        0x0041...0x007A, 0x0030...0x0039, 0x0300...0x036F, 0x0020...0x002F, 0x0000...0x001F,
        0x1F600...0x1F64F, 0x200B...0x200F, 0xFE00...0xFE0F, 0xE000...0xE0FF, 0xFDD0...0xFDEF, 0x0590...0x05FF,
    ]

    static func randomText(_ rng: inout SplitMix64, length: ClosedRange<Int>) -> String {
        var view = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: length, using: &rng) {
            let pool = pools.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &rng)) { view.append(scalar) }
            if Int.random(in: 0..<12, using: &rng) == 0 { view.append("\n") }
        }
        return String(view)
    }

    /// The text without line feeds (a "\r\n" is one Character, so scalars are filtered).
    static func oneLine(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.filter { $0 != "\n" })
        return String(view)
    }

    @Test func tokensStayInsideTheTextAndInOrder() {
        var rng = SplitMix64(seed: 8)
        for _ in 0..<2000 {
            var text = Self.randomText(&rng, length: 0...80)
            text.withUTF8 { bytes in
                for mode in [BigramTokenizer.Mode.document, .query] {
                    var previous = 0
                    _ = BigramTokenizer.tokenize(bytes, mode: mode) { token, start, end, _ in
                        #expect(!token.isEmpty)
                        #expect(start >= previous && start < end && end <= bytes.count)
                        // Ranges fall on scalar boundaries: never inside a UTF-8 sequence.
                        #expect(start == bytes.count || bytes[start] & 0xC0 != 0x80)
                        #expect(end == bytes.count || bytes[end] & 0xC0 != 0x80)
                        previous = start
                        return true
                    }
                }
            }
        }
    }

    @Test func structureKeepsItsShapeOnAnyText() {
        var rng = SplitMix64(seed: 9)
        let headings = ["一、", "（二）", "3.", "（4）", "# ", "## ", "第五章 ", "第六部分 ", "1.1.1 "]
        for _ in 0..<1000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 0...30, using: &rng) {
                let prefix = Int.random(in: 0..<3, using: &rng) == 0 ? headings.randomElement(using: &rng)! : ""
                lines.append(prefix + Self.oneLine(Self.randomText(&rng, length: 0...40)))
            }
            let structure = StructureParser.parse(lines.joined(separator: "\n"))
            var line = 0
            for passage in structure.passages {
                #expect(passage.line > line && passage.line <= max(1, lines.count))
                line = passage.line
                if let section = passage.sectionIndex { #expect(section < structure.sections.count) }
            }
            for (i, section) in structure.sections.enumerated() {
                if let parent = section.parentIndex { #expect(parent < i) }
            }
        }
    }

    @Test func longParagraphsAreCutWithoutLosingText() {
        var rng = SplitMix64(seed: 10)
        for _ in 0..<500 {
            let text = Self.oneLine(Self.randomText(&rng, length: 0...600))
            let limit = Int.random(in: 8...120, using: &rng)
            let pieces = LongPassages.pieces(of: text, limit: limit)
            for piece in pieces { #expect(piece.unicodeScalars.count <= limit) }
            // Only pieces of nothing but white space are left out.
            let kept = pieces.joined()
            #expect(kept.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
                    == text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value))
        }
    }

    @Test func anyBytesDecodeOrAreRefusedWithAReason() {
        var rng = SplitMix64(seed: 11)
        for round in 0..<2000 {
            var bytes = Data(Self.randomText(&rng, length: 0...100).utf8)
            // Damage some: flipped bits, cut sequences, GBK-like pairs, BOMs.
            for _ in 0..<(round % 4) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            if round % 7 == 0 { bytes = Data([0xEF, 0xBB, 0xBF]) + bytes }
            if round % 11 == 0 { bytes = Data([0xFF, 0xFE]) + bytes }
            do {
                let decoded = try TextDecoder.decode(bytes)
                #expect(decoded.replacedBytes == 0)
            } catch {
                #expect(!error.reason.isEmpty)
            }
            _ = TextDecoder.decodeLossy(bytes).text
        }
    }

    /// Random reports indexed: the index checks clean, and every sampled substring of a
    /// passage (cut between words) is found in that passage, or refused as a query with a
    /// message of ours, never a SQLite error.
    @Test func anIndexOfRandomReportsIsSoundAndFindsItsOwnText() throws {
        var rng = SplitMix64(seed: 12)
        let root = try temporaryFolder("baogao-random-unicode")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        var texts: [String: String] = [:]
        for i in 0..<40 {
            let text = Self.randomText(&rng, length: 50...400)
            texts["r\(i).txt"] = text
        }
        try write(texts.mapValues { Data($0.utf8) }, in: folder)
        _ = try Indexer.index(folder: folder, into: index)
        let check = try IndexChecker.check(index)
        #expect(check.isClean, "\(check.problems)")
        #expect(try consistencyProblems(index) == [])

        let searcher = Searcher(index: try IndexDatabase.open(at: index))
        let snapshot = try IndexSnapshot(index)
        var found = 0
        var accepted = 0
        var missed: [String] = []
        for _ in 0..<300 {
            guard let passage = snapshot.passages.randomElement(using: &rng) else { break }
            let scalars = Array(passage.text.unicodeScalars)
            let start = Int.random(in: 0..<scalars.count, using: &rng)
            let end = min(scalars.count, start + Int.random(in: 1...6, using: &rng))
            // Letters and digits match whole words only: no cut inside one, ignorable scalars
            // (which fold to nothing, like U+200C) aside.
            func splitsWord(_ i: Int) -> Bool {
                var before = i - 1
                while before >= 0, ScalarFolding.folded(scalars[before]).isEmpty { before -= 1 }
                var after = i
                while after < scalars.count, ScalarFolding.folded(scalars[after]).isEmpty { after += 1 }
                return before >= 0 && after < scalars.count
                    && ScalarClass.of(scalars[before]) == .word && ScalarClass.of(scalars[after]) == .word
            }
            if splitsWord(start) || splitsWord(end) { continue }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            let term = "\"" + String(view).replacingOccurrences(of: "\"", with: "\"\"") + "\""
            do {
                let results = try searcher.search(try SearchQuery(parsing: term), limit: nil)
                accepted += 1
                if results.hits.contains(where: { $0.path == passage.path && $0.line == passage.line }) {
                    found += 1
                } else {
                    missed.append("\(term.unicodeScalars.map { String($0.value, radix: 16) }) in \(passage.path):\(passage.line)")
                }
            } catch let error as QueryError {
                #expect(!error.message.isEmpty)
            } catch let error as BaogaoError {
                // A refusal ("has no letters, digits or characters to search for"), in our words.
                for leak in ["SQLite", "sqlite", "fts5", "syntax error", "malformed"] {
                    #expect(!error.message.contains(leak), "«\(term)» leaked: \(error.message)")
                }
            }
        }
        #expect(found == accepted, "\(missed.prefix(10))")
        #expect(accepted > 50, "only \(accepted) of 300 substrings were searchable")
    }
}
