import BaogaoTestSupport
import Foundation
import GRDB
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
