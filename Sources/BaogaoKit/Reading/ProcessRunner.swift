import BaogaoSpawn
import Foundation

/// Runs a helper program (pdftotext, pdftoppm, tesseract) with a time limit and a bound on what
/// it may print.
///
/// ```swift
/// let result = try ProcessRunner.run(URL(filePath: "/usr/bin/pdftotext"),
///                                    ["-layout", "a.pdf", "-"], timeout: 60)
/// result.status   // 0
/// ```
enum ProcessRunner {
    struct Result: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    enum Failure: Error {
        case cannotStart(String)
        case timedOut
        case tooMuchOutput
    }

    /// A program on the PATH (or in the usual places), if installed.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments`, stdin closed, and `environment` added to this
    /// process's. Kills it after `timeout` seconds or when it prints more than `outputLimit` bytes.
    static func run(_ program: URL, _ arguments: [String], timeout: TimeInterval,
                    outputLimit: Int = 256 << 20, environment: [String: String] = [:]) throws(Failure) -> Result {
        let process = SpawnedProcess()
        process.executableURL = program
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw .cannotStart(String(describing: error))
        }

        let state = State()
        let timer = DispatchWorkItem {
            state.mark(timedOut: true)
            process.terminate()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)

        // Read stderr on another thread so that neither pipe fills up and blocks the program.
        let errorData = Collected()
        let errorDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData.set(err.fileHandleForReading.readDataToEndOfFile().prefix(64 << 10))
            errorDone.signal()
        }
        var output = Data()
        let handle = out.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if output.count + chunk.count > outputLimit {
                state.mark(tooMuch: true)
                process.terminate()
                break
            }
            output.append(chunk)
        }
        process.waitUntilExit()
        timer.cancel()
        errorDone.wait()
        if state.timedOut { throw .timedOut }
        if state.tooMuch { throw .tooMuchOutput }
        return Result(status: process.terminationStatus, stdout: output, stderr: errorData.value)
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var _timedOut = false
        private var _tooMuch = false
        var timedOut: Bool { lock.withLock { _timedOut } }
        var tooMuch: Bool { lock.withLock { _tooMuch } }
        func mark(timedOut: Bool = false, tooMuch: Bool = false) {
            lock.withLock {
                _timedOut = _timedOut || timedOut
                _tooMuch = _tooMuch || tooMuch
            }
        }
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        var value: Data { lock.withLock { data } }
        func set(_ new: Data) { lock.withLock { data = new } }
    }
}
