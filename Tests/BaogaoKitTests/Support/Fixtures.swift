import BaogaoTestSupport
import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample corpus shipped with the repository.
let sampleCorpus = repositoryRoot.appendingPathComponent("corpus")

/// A fresh temporary folder, removed with ``TestFolders/root`` when the test process ends.
func temporaryFolder(_ name: String = "baogao") throws -> URL {
    let url = TestFolders.root
        .appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Changes one report of `folder` (a copy of the sample corpus), deletes another and adds a
/// third, all in traditional characters: one update of each kind for the next run.
func changeDeleteAndAddAReport(in folder: URL) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
    try Data("一、總體情況\n推進發展建設工作的。\n二、下一步\n应当推进工作。\n".utf8).write(to: folder.appendingPathComponent(names[0]))
    try FileManager.default.removeItem(at: folder.appendingPathComponent(names[1]))
    try Data("機關黨建工作總結\n堅持以人民為中心的發展思想，推進全面建設。\n".utf8)
        .write(to: folder.appendingPathComponent("新增_2025_總結.txt"))
}

/// Passages and reports of `index` whose folded text holds `term`, by brute force (no FTS5).
func bruteForceCount(of term: String, in index: IndexDatabase) throws -> (passages: Int, reports: Int) {
    let folded = FoldedText(term).scalars
    return try index.read { db in
        var passages = 0
        var reports: Set<Int64> = []
        for row in try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages")
        where !FoldedText(row[1]).occurrences(of: folded).isEmpty {
            passages += 1
            reports.insert(row[0])
        }
        return (passages, reports.count)
    }
}

/// A copy of the sample corpus in a fresh temporary folder, for tests that change its files.
func copyOfSampleCorpus() throws -> URL {
    let folder = try temporaryFolder()
    for name in try FileManager.default.contentsOfDirectory(atPath: sampleCorpus.path) {
        try FileManager.default.copyItem(at: sampleCorpus.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return folder
}

/// Writes `files` (relative path → contents) under `folder`.
func write(_ files: [String: Data], in folder: URL) throws {
    for (path, data) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}

/// A deterministic random number generator, so every run samples the same queries.
typealias SplitMix64 = SeededGenerator

/// The same page, hit for hit (text, score, path, line), and the same totals from `a` and `b`
/// for `query`, at each of `limits` hits: two ways of answering that must agree.
func expectSamePages(_ a: Searcher, _ b: Searcher, for query: SearchQuery, limits: [Int] = [10, 40],
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    for limit in limits {
        let x = try a.search(query, limit: limit, context: 1)
        let y = try b.search(query, limit: limit, context: 1)
        #expect(x.totalHits == y.totalHits && x.totalReports == y.totalReports, sourceLocation: sourceLocation)
        #expect(x.hits.map(\.text) == y.hits.map(\.text), sourceLocation: sourceLocation)
        #expect(x.hits.map(\.score) == y.hits.map(\.score), sourceLocation: sourceLocation)
        #expect(x.hits.map(\.path) == y.hits.map(\.path), sourceLocation: sourceLocation)
        #expect(x.hits.map(\.line) == y.hits.map(\.line), sourceLocation: sourceLocation)
    }
}

/// ``expectSamePages(_:_:for:limits:sourceLocation:)`` of two searchers of `index`, one whose
/// plans of rare tokens follow `planned` and one whose `walked` never take one.
func expectSamePages(in index: IndexDatabase, for query: SearchQuery, planned: RareTokens.Limits,
                     walked: RareTokens.Limits, sourceLocation: SourceLocation = #_sourceLocation) throws {
    var rare = Searcher(index: index)
    rare.rareTokenLimits = planned
    var whole = Searcher(index: index)
    whole.rareTokenLimits = walked
    try expectSamePages(rare, whole, for: query, sourceLocation: sourceLocation)
}

/// Every CJK ideograph in order, fifty to a line: bigrams of tiny doclists between any two
/// others, so that in an index holding them a rare token is not on the page where a common
/// one starts (it would show the other's pages, see ``DoclistPages``).
func everyIdeographLines() -> [String] {
    let ideographs = (0x4E00...0x9FA5).compactMap(Unicode.Scalar.init).map(Character.init)
    return stride(from: 0, to: ideographs.count, by: 50).map {
        String(ideographs[$0..<min($0 + 50, ideographs.count)])
    }
}
