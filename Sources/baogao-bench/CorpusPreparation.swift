import BaogaoBenchKit
import Foundation

/// Finds or generates the folder of reports to benchmark.
enum CorpusPreparation {
    /// The shared law corpus, relative to the repository: `../shared/bench/laws`.
    static let defaultRelativeFolder = "../shared/bench/laws"
    /// Bumped whenever the generator's output changes, so stale generated corpora are redone.
    static let generatorVersion = 1
    static let seed: UInt64 = 20_260_601

    /// The repository root: the current folder or one above it holding `Package.swift` and
    /// `corpus/`, else the folder three levels above the executable (`.build/release/…`).
    static func packageRoot() -> URL? {
        let fm = FileManager.default
        func isRoot(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
                && fm.fileExists(atPath: url.appendingPathComponent("corpus").path)
        }
        var url = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL
        for _ in 0..<4 {
            if isRoot(url) { return url }
            url = url.deletingLastPathComponent()
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var up = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                if isRoot(up) { return up }
                up = up.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// `../shared/bench/laws` next to the current folder or the repository, when present.
    static func defaultFolder() -> URL? {
        let fm = FileManager.default
        var bases = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        if let root = packageRoot() { bases.append(root) }
        for base in bases {
            let url = base.appendingPathComponent(defaultRelativeFolder).standardizedFileURL
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return url }
        }
        return nil
    }

    /// A corpus of at least `bytes` bytes generated from the repository's `corpus/` into
    /// `work`, reused when an identical one is already there.
    static func generated(bytes: Int, work: URL) throws -> URL {
        guard let root = packageRoot() else {
            throw BenchError("cannot find the repository's corpus/ folder to generate a corpus from: "
                             + "run from the repository or pass a FOLDER")
        }
        let fm = FileManager.default
        let folder = work.appendingPathComponent("generated-\(ByteSize.label(bytes))")
        let marker = folder.appendingPathComponent(".complete")
        let stamp = "generator \(generatorVersion) seed \(seed) bytes \(bytes) sources \(try sourceFingerprint(root))"
        if (try? String(contentsOf: marker, encoding: .utf8)) == stamp { return folder }
        try? fm.removeItem(at: folder)
        let generator = CorpusGenerator(sources: try sources(root), seed: seed)
        try generator.generate(totalBytes: bytes) { name, text in
            let url = folder.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try stamp.write(to: marker, atomically: true, encoding: .utf8)
        return folder
    }

    /// The sample reports' texts, sorted by file name.
    static func sources(_ root: URL) throws -> [String] {
        try sampleFiles(root).map { url in
            String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
    }

    private static func sampleFiles(_ root: URL) throws -> [URL] {
        let corpus = root.appendingPathComponent("corpus")
        return try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { ["txt", "md"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// A stable hash of the sample files' names and bytes (FNV-1a).
    private static func sourceFingerprint(_ root: URL) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for url in try sampleFiles(root) {
            for byte in Data(url.lastPathComponent.utf8) + (try Data(contentsOf: url)) {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }

    /// Reads every file under `folder` once, so that the first timed build does not pay for a
    /// cold disk cache; returns the number of files and their bytes.
    static func warm(_ folder: URL) -> (files: Int, bytes: Int) {
        var files = 0
        var bytes = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                        options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url) else { continue }
            files += 1
            bytes += data.count
        }
        return (files, bytes)
    }
}
