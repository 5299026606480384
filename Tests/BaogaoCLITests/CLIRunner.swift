import BaogaoTestSupport
import Foundation

/// Runs the built `baogao` binary as a real process, with colour left to the terminal test.
enum CLIRunner {
    typealias Output = BaogaoBinary.Output

    static var executable: URL { BaogaoBinary.executable }

    /// Runs `baogao arguments…` in `directory` with `environment` added (NO_COLOR unset).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        var env: [String: String?] = ["NO_COLOR": nil]
        for (key, value) in environment { env[key] = value }
        return try BaogaoBinary.run(arguments, in: directory, environment: env)
    }
}

func temporaryFolder(_ name: String = "baogao-cli") throws -> URL {
    let url = TestFolders.root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
