import BaogaoTestSupport
import Foundation
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
