import BaogaoTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `baogao` binary started with `posix_spawn`, so that a test can kill it or stop it at a
/// moment of its choosing and read its peak memory, none of which Foundation's `Process` offers.
/// Output goes to files, read once the process has ended.
///
/// The peak is the child's `VmHWM`, read from `/proc` while it runs (every 10 ms of waiting):
/// `ru_maxrss` from `wait4` is the test runner's size, since `posix_spawn` runs the child in
/// the parent's memory until `execve` and Linux keeps that high-water mark (the peaks of a
/// 50 MB line's index and search read 366–404 MB, the size the runner had grown to, as the
/// bench's `ChildIndexResult` notes). What the child adds in its last 10 ms is not seen.
///
/// ```swift
/// let child = try ChildProcess(["index", folder.path, "--index", index.path])
/// usleep(300_000); child.kill()
/// let exit = child.wait()   // exit.signal == SIGKILL
/// ```
final class ChildProcess {
    struct Exit {
        /// The exit status, when it exited; the signal, when one ended it.
        var status: Int32?
        var signal: Int32?
        /// The peak resident memory of the process, in bytes, as last read while it ran (see
        /// above); `ru_maxrss` where `/proc` cannot tell.
        var peakMemory: Int
        var stdout: String
        var stderr: String
    }

    let pid: pid_t
    private let output: URL
    private var finished: Exit?
    /// The child's `VmHWM` as last read, in bytes; nil until read.
    private var highWater: Int?

    init(_ arguments: [String], executable: URL = CLIRunner.executable, environment: [String: String] = [:]) throws {
        output = TestFolders.root.appendingPathComponent("baogao-child-\(UUID().uuidString)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, output.path + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard status == 0 else {
            throw NSError(domain: "ChildProcess", code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "cannot start \(executable.path): \(String(cString: strerror(status)))"])
        }
        self.pid = pid
    }

    /// Sends `signal` (SIGKILL unless told) if the process is still running; returns
    /// whether it was.
    @discardableResult
    func kill(_ signal: Int32 = SIGKILL) -> Bool {
        if poll() != nil { return false }
        #if canImport(Glibc)
        return Glibc.kill(pid, signal) == 0
        #else
        return Darwin.kill(pid, signal) == 0
        #endif
    }

    /// Stops the process (SIGSTOP) and waits until it is stopped, so that a test can look at
    /// what it has written so far while it cannot go on; returns false if it has ended.
    ///
    /// ```swift
    /// while writer.stop() { read(index); writer.run(for: 0.02) }
    /// ```
    @discardableResult
    func stop() -> Bool {
        guard kill(SIGSTOP) else { return false }
        #if os(Linux)
        // The signal arrives when the kernel next schedules the child: wait for its state `T`.
        while poll() == nil {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let state = stat.split(separator: ")").last?.split(separator: " ").first
            else { break }
            if state == "T" || state == "t" { return true }
            usleep(200)
        }
        return poll() == nil
        #else
        usleep(5_000)
        return poll() == nil
        #endif
    }

    /// Lets a stopped process go on (SIGCONT) for `seconds`, then stops it again; returns
    /// false if it ended meanwhile.
    @discardableResult
    func run(for seconds: TimeInterval) -> Bool {
        guard kill(SIGCONT) else { return false }
        usleep(UInt32(seconds * 1_000_000))
        return stop()
    }

    /// The exit, if the process has ended (without waiting).
    func poll() -> Exit? {
        if let finished { return finished }
        return reap(options: WNOHANG)
    }

    /// Waits for the process to end.
    func wait() -> Exit {
        if let finished { return finished }
        while true {
            if let exit = poll() { return exit }
            usleep(10_000)
        }
    }

    /// Waits at most `seconds`, then kills it.
    func wait(atMost seconds: TimeInterval) -> Exit {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let exit = poll() { return exit }
            usleep(10_000)
        }
        kill()
        return wait()
    }

    /// The child's `VmHWM` from `/proc`, in bytes, while it runs; nil when it cannot be read.
    private func readHighWater() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return nil }
        return kB * 1024
    }

    private func reap(options: Int32) -> Exit? {
        if let seen = readHighWater() { highWater = max(highWater ?? 0, seen) }
        var status: Int32 = 0
        var usage = rusage()
        let result = wait4(pid, &status, options, &usage)
        if result == 0 { return nil }
        if result < 0 {
            if errno == EINTR { return nil }
            return finish(status: nil, signal: nil, usage: usage)
        }
        let signal = status & 0x7F
        return finish(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal, usage: usage)
    }

    private func finish(status: Int32?, signal: Int32?, usage: rusage) -> Exit {
        let fm = FileManager.default
        let out = fm.contents(atPath: output.path + ".out") ?? Data()
        let err = fm.contents(atPath: output.path + ".err") ?? Data()
        try? fm.removeItem(atPath: output.path + ".out")
        try? fm.removeItem(atPath: output.path + ".err")
        #if os(Linux)
        let peak = highWater ?? Int(usage.ru_maxrss) * 1024
        #else
        let peak = Int(usage.ru_maxrss)
        #endif
        let exit = Exit(status: status, signal: signal, peakMemory: peak,
                        stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
        finished = exit
        return exit
    }
}
