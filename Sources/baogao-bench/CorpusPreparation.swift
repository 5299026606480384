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

    /// A corpus of at least `bytes` bytes generated into `work` from the reports of `source`
    /// (the repository's `corpus/` when nil), reused when an identical one is already there.
    static func generated(bytes: Int, work: URL, source: URL? = nil) throws -> URL {
        guard let sourceFolder = source ?? packageRoot()?.appendingPathComponent("corpus") else {
            throw BenchError("cannot find the repository's corpus/ folder to generate a corpus from: "
                             + "run from the repository or pass a FOLDER")
        }
        let fm = FileManager.default
        let files = sampleFiles(sourceFolder)
        guard !files.isEmpty else { throw BenchError("\(sourceFolder.path) holds no .txt or .md files to generate from") }
        let name = source.map { "-from-" + $0.lastPathComponent } ?? ""
        let folder = work.appendingPathComponent("generated-\(ByteSize.label(bytes))\(name)")
        let marker = folder.appendingPathComponent(".complete")
        let stamp = "generator \(generatorVersion) seed \(seed) bytes \(bytes) sources \(try fingerprint(files, in: sourceFolder))"
        if (try? String(contentsOf: marker, encoding: .utf8)) == stamp { return folder }
        try? fm.removeItem(at: folder)
        let texts = try files.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }
        let generator = CorpusGenerator(sources: texts, seed: seed)
        try generator.generate(totalBytes: bytes) { name, text in
            let url = folder.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try stamp.write(to: marker, atomically: true, encoding: .utf8)
        return folder
    }

    /// The `.txt` and `.md` files under `folder`, sorted by relative path.
    /// The first `.txt` or `.md` report under `folder`, by relative path.
    static func firstReport(in folder: URL) -> URL? {
        sampleFiles(folder).first
    }

    private static func sampleFiles(_ folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                        options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if ["txt", "md"].contains(url.pathExtension) { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A stable hash of the files' relative names and bytes (FNV-1a).
    private static func fingerprint(_ files: [URL], in folder: URL) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ data: Data) {
            data.withUnsafeBytes { raw in
                for byte in raw {
                    hash ^= UInt64(byte)
                    hash &*= 0x0000_0100_0000_01B3
                }
            }
        }
        for url in files {
            mix(Data(url.path.dropFirst(folder.path.count).utf8))
            mix(try Data(contentsOf: url))
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
