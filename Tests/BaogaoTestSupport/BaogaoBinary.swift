import BaogaoSpawn
import Foundation

/// The built `baogao` executable, run as a real process by the CLI and server tests.
///
/// ```swift
/// let out = try BaogaoBinary.run(["search", "乡村振兴", "--index", path], in: folder)
/// out.status  // 0
/// ```
public enum BaogaoBinary {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `baogao` executable next to the test bundle.
    public static let executable: URL = {
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

    /// Runs `baogao arguments…` in `directory` and waits for it. `environment` is laid over
    /// this process's environment; a nil value removes that variable.
    public static func run(_ arguments: [String], in directory: URL,
                           environment: [String: String?] = [:]) throws -> Output {
        try runProgram(executable, arguments, in: directory, environment: environment)
    }

    /// Runs any program (`htpasswd`, `openssl`, `curl` …) the same way and waits for it.
    public static func runProgram(_ program: URL, _ arguments: [String], in directory: URL? = nil,
                                  environment: [String: String?] = [:]) throws -> Output {
        let process = SpawnedProcess()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
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
