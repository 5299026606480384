import Foundation

/// The page's static files (stylesheet, script, icon), shipped as package resources and read
/// once from `Bundle.module`; served from memory under `/assets/NAME`, never from a path a
/// request names.
///
/// ```swift
/// Assets.bundled["baogao.css"]?.contentType  // "text/css; charset=utf-8"
/// Assets.bundled.version                     // "3f2a9c1e": changes when any file changes
/// ```
struct Assets: Sendable {
    struct File: Sendable {
        var data: [UInt8]
        var contentType: String
    }

    /// The files by name.
    let files: [String: File]
    /// A short digest of every file, added to asset URLs so browsers refetch after an upgrade.
    let version: String

    static let names = ["baogao.css", "baogao.js", "favicon.svg"]

    /// The files shipped with the package.
    static let bundled: Assets = {
        let folder = Bundle.module.url(forResource: "Assets", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Assets")
        var files: [String: File] = [:]
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else {
                preconditionFailure("the server's asset \(name) is missing from \(folder.path): reinstall baogao")
            }
            files[name] = File(data: [UInt8](data), contentType: contentType(of: name))
        }
        return Assets(files: files)
    }()

    init(files: [String: File]) {
        self.files = files
        // FNV-1a over names and contents: stable across runs, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in files.keys.sorted() {
            for byte in Array(name.utf8) + files[name]!.data {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        version = String(hash, radix: 16)
    }

    subscript(_ name: String) -> File? { files[name] }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        default: return "application/octet-stream"
        }
    }
}
