import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The central promise: a term finds exactly the passages whose folded text contains it.
///
/// Substrings of 1–8 characters are sampled from the corpus (never cutting a run of letters
/// or digits) and searched; the passages returned must equal those a brute-force scan of the
/// folded passage text finds. Set BAOGAO_EXACTNESS_FOLDER to run it over another folder.
@Suite(.serialized)
struct PhraseExactnessTests {
    let folder: URL
    let index: IndexDatabase
    let passages: [(key: String, text: FoldedText)]

    init() throws {
        if let other = ProcessInfo.processInfo.environment["BAOGAO_EXACTNESS_FOLDER"] {
            folder = URL(fileURLWithPath: other)
        } else {
            folder = sampleCorpus
        }
        let indexURL = try temporaryFolder().appendingPathComponent("exact.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        index = try IndexDatabase.open(at: indexURL)
        passages = try index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.path, p.line, p.text FROM passages p JOIN reports r ON r.id = p.report_id
                """).map { row in ("\(row["path"] as String):\(row["line"] as Int)", FoldedText(row["text"])) }
        }
    }

    /// A random substring of a random passage, or nil when it cuts a word or has nothing to
    /// search for.
    func sample(_ rng: inout SplitMix64) -> String? {
        let passage = passages[Int.random(in: 0..<passages.count, using: &rng)].text
        let scalars = passage.scalars
        guard !scalars.isEmpty else { return nil }
        let length = Int.random(in: 1...8, using: &rng)
        let start = Int.random(in: 0..<scalars.count, using: &rng)
        let end = min(scalars.count, start + length)
        func isWord(_ i: Int) -> Bool { ScalarClass.of(scalars[i]) == .word }
        if start > 0 && isWord(start - 1) && isWord(start) { return nil }
        if end < scalars.count && isWord(end - 1) && isWord(end) { return nil }
        var view = String.UnicodeScalarView()
        for v in scalars[start..<end] { view.append(Unicode.Scalar(v)!) }
        let text = String(view)
        guard text.trimmingWhitespace() == text, TermPlan(text) != nil else { return nil }
        return text
    }

    func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func bruteForce(_ terms: [String]) -> Set<String> {
        let folded = terms.map { FoldedText($0).scalars }
        return Set(passages.filter { p in folded.allSatisfy { p.text.contains($0) } }.map(\.key))
    }

    func search(_ query: String) throws -> Set<String> {
        let results = try Searcher(index: index).search(try SearchQuery(parsing: query), limit: nil)
        #expect(results.hits.count == results.totalHits)
        return Set(results.hits.map { "\($0.path):\($0.line)" })
    }

    @Test func singleTermsMatchBruteForce() throws {
        var rng = SplitMix64(seed: 20261129)
        var checked = 0
        var byLength = [Int: Int]()
        while checked < 2000 {
            guard let term = sample(&rng) else { continue }
            let expected = bruteForce([term])
            let found = try search(quoted(term))
            #expect(found == expected, "term «\(term)»: missing \(expected.subtracting(found).sorted().prefix(3)), extra \(found.subtracting(expected).sorted().prefix(3))")
            if found != expected { break }
            checked += 1
            byLength[term.unicodeScalars.count, default: 0] += 1
        }
        #expect(checked == 2000)
        #expect((1...8).allSatisfy { byLength[$0, default: 0] > 50 }, "lengths sampled: \(byLength)")
    }

    @Test func twoTermQueriesMatchBruteForce() throws {
        var rng = SplitMix64(seed: 7)
        var checked = 0
        while checked < 300 {
            guard let a = sample(&rng), let b = sample(&rng) else { continue }
            let expected = bruteForce([a, b])
            let found = try search(quoted(a) + " " + quoted(b))
            #expect(found == expected, "terms «\(a)» «\(b)»")
            if found != expected { break }
            checked += 1
        }
    }

    @Test(arguments: ["万人助万企", "乡村振兴", "乡村全面振兴", "党", "XX", "ＡＰＰ", "app", "PM2.5", "5G", "12345", "乡村。振兴", "市XX办"])
    func knownTermsMatchBruteForce(_ term: String) throws {
        #expect(try search(quoted(term)) == bruteForce([term]))
    }

    /// 乡村振兴 never matches across punctuation ("乡村。振兴" in the sample corpus).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BAOGAO_EXACTNESS_FOLDER"] == nil))
    func phrasesDoNotCrossPunctuation() throws {
        let across = passages.filter { $0.text.contains(FoldedText("乡村。振兴").scalars) }
        #expect(!across.isEmpty, "the corpus should hold 乡村。振兴 for this test")
        let found = try search("乡村振兴")
        for p in across where !p.text.contains(FoldedText("乡村振兴").scalars) {
            #expect(!found.contains(p.key))
        }
    }
}
