import Foundation

/// Runs the built `baogao` binary as a real process.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `baogao` executable next to the test bundle.
    static let executable: URL = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let argument = CommandLine.arguments.first {
            let url = URL(fileURLWithPath: argument)
            candidates.append(url.deletingLastPathComponent().appendingPathComponent("baogao"))
            candidates.append(url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("baogao"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("baogao"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("baogao"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `baogao arguments…` in `directory` with `environment` added.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

func temporaryFolder(_ name: String = "baogao-cli") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
