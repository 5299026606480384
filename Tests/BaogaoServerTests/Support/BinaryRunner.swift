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
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let base: URL
    /// Seconds from launch to the "listening on" line.
    let startup: Double
    private let stdout = Pipe()
    private let stderr = Pipe()

    /// Starts `baogao serve arguments… --port 0` in `directory` and waits for its address.
    init(_ arguments: [String], in directory: URL, timeout: Double = 60) throws {
        process.executableURL = BinaryRunner.executable
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.currentDirectoryURL = directory
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        var seen = ""
        var found: URL?
        let handle = stdout.fileHandleForReading
        while found == nil {
            let chunk = handle.availableData
            if chunk.isEmpty {
                throw FixtureError("baogao serve ended before listening: \(seen) \(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
            }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                found = URL(string: String(seen[range]))
            }
            if Date().timeIntervalSince(started) > timeout { process.terminate(); throw FixtureError("no address after \(timeout) s: \(seen)") }
        }
        base = found!
        startup = Date().timeIntervalSince(started)
        self.banner = seen
    }

    /// What the server printed up to its address.
    let banner: String

    /// Stops the server as Ctrl-C does and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
