import BaogaoSpawn
import BaogaoTestSupport
import Foundation

/// Runs the built `baogao` binary as a real process: to run commands, and to start `serve`.
enum BinaryRunner {
    typealias Output = BaogaoBinary.Output

    static var executable: URL { BaogaoBinary.executable }

    /// Runs `baogao arguments…` in `directory` (without colour) and waits for it.
    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        try BaogaoBinary.run(arguments, in: directory, environment: ["NO_COLOR": "1"])
    }

    /// The JSON Lines a command printed, each as an object.
    static func jsonLines(_ output: Output) throws -> [[String: Any]] {
        try output.stdout.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FixtureError("not a JSON object: \(line)")
            }
            return object
        }
    }
}

/// A running `baogao serve`, on a port it picked itself (`--port 0`), stopped with SIGINT.
/// Its output goes to two files, read whenever the test asks (the access log writes a line per
/// request): no thread reads a pipe.
final class RunningServer: @unchecked Sendable {
    let process = SpawnedProcess()
    let base: URL
    /// Seconds from launch to the "listening on" line.
    let startup: Double
    /// What the server printed up to its address.
    let banner: String
    private let output: URL
    private let errors: URL

    /// Starts `baogao serve arguments… --port 0` in `directory` and waits for its address.
    init(_ arguments: [String], in directory: URL, timeout: Double = 60) throws {
        let stem = TestFolders.root.appendingPathComponent("baogao-serve-\(UUID().uuidString)")
        output = stem.appendingPathExtension("out")
        errors = stem.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = BinaryRunner.executable
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.currentDirectoryURL = directory
        let stdout = try FileHandle(forWritingTo: output)
        let stderr = try FileHandle(forWritingTo: errors)
        defer { try? stdout.close(); try? stderr.close() }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        var found: URL?
        while found == nil {
            let seen = Self.read(output)
            if let range = seen.range(of: #"https?://(127\.0\.0\.1|0\.0\.0\.0):[0-9]+/"#, options: .regularExpression) {
                found = URL(string: String(seen[range]))
                break
            }
            if !process.isRunning {
                throw FixtureError("baogao serve ended before listening: \(seen) \(Self.read(errors))")
            }
            if Date().timeIntervalSince(started) > timeout { process.terminate(); throw FixtureError("no address after \(timeout) s: \(seen)") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        base = found!
        startup = Date().timeIntervalSince(started)
        banner = Self.read(output)
    }

    private static func read(_ file: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: file.path) ?? Data(), as: UTF8.self)
    }

    /// Everything the server wrote to stdout so far: the banner, then the access log.
    var stdout: String { Self.read(output) }
    /// Everything it wrote to stderr so far: warnings.
    var stderr: String { Self.read(errors) }

    /// The access-log lines written so far (waits a moment for the last ones to arrive).
    func accessLog(settle: Double = 0.2) -> [String] {
        Thread.sleep(forTimeInterval: settle)
        return stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("baogao:") }
    }

    /// Stops the server as Ctrl-C does and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }
}
