import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`: the part of
/// Foundation's `Process` that Baogao uses, safe to use on many threads at once.
///
/// Foundation's `Process` on Linux is not: with six threads each running `sh -c 'echo'` in a
/// loop, `Process.run()` crashes (a bad pointer in a copy, or the heap found corrupt) in one
/// run of three, with or without a lock around `run()`. Indexing runs the OCR programs on
/// several threads, and the tests run `baogao` from many.
///
/// ```swift
/// let child = SpawnedProcess()
/// child.executableURL = URL(fileURLWithPath: "/usr/bin/tesseract")
/// child.arguments = ["page.png", "stdout", "-l", "chi_sim"]
/// let out = Pipe()
/// child.standardOutput = out
/// try child.run()
/// let text = out.fileHandleForReading.readDataToEndOfFile()
/// child.waitUntilExit()   // child.terminationStatus == 0
/// ```
public final class SpawnedProcess: @unchecked Sendable {
    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's whole environment; nil: this process's.
    public var environment: [String: String]?
    /// Where the child starts; nil: this process's current directory.
    public var currentDirectoryURL: URL?
    /// A `Pipe` (the child gets the end it needs), a `FileHandle`, or nil for /dev/null.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var ended: Int32?

    public init() {}

    /// Starts the child. Throws when it cannot be started (no such program, not executable).
    public func run() throws {
        guard let executable = executableURL?.path else {
            throw SpawnError(message: "no program to run")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [FileHandle] = []
        func wire(_ stream: Any?, to fd: Int32, childReads: Bool) {
            switch stream {
            case let pipe as Pipe:
                let child = childReads ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, child.fileDescriptor, fd)
                parentEnds.append(child)
            case let handle as FileHandle where handle.fileDescriptor >= 0 && handle !== FileHandle.nullDevice:
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, fd)
            default:
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", childReads ? O_RDONLY : O_WRONLY, 0)
            }
        }
        wire(standardInput, to: 0, childReads: true)
        wire(standardOutput, to: 1, childReads: false)
        wire(standardError, to: 2, childReads: false)
        _ = cspawn_addclosefrom(&actions, 3)
        if let directory = currentDirectoryURL?.path {
            _ = directory.withCString { cspawn_addchdir(&actions, $0) }
        }
        let env = environment ?? ProcessInfo.processInfo.environment
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own: a signal reaches what the child started too (a shell's
        // `sleep` would otherwise keep the pipes open past a time limit).
        posix_spawnattr_setpgroup(&attributes, 0)
        #if canImport(Darwin)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_CLOEXEC_DEFAULT))
        #else
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        #endif
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        lock.withLock { pid = child }
        // The child holds its ends now; the parent's copies would keep a pipe open.
        for end in parentEnds { try? end.close() }
    }

    /// Whether the child is still running (reaping it if it has ended).
    public var isRunning: Bool {
        lock.withLock {
            guard pid != 0, ended == nil else { return false }
            reap(options: WNOHANG)
            return ended == nil
        }
    }

    /// Waits for the child to end.
    public func waitUntilExit() {
        while isRunning { usleep(2_000) }
    }

    /// The exit status, or the signal that ended the child.
    public var terminationStatus: Int32 { lock.withLock { ended ?? 0 } }

    /// Sends SIGINT to the child's process group, as Ctrl-C does.
    public func interrupt() { send(SIGINT) }

    /// Sends SIGTERM.
    public func terminate() { send(SIGTERM) }

    private func send(_ signal: Int32) {
        lock.withLock {
            guard pid != 0, ended == nil else { return }
            #if canImport(Glibc)
            _ = Glibc.kill(-pid, signal)
            #else
            _ = Darwin.kill(-pid, signal)
            #endif
        }
    }

    /// With the lock held.
    private func reap(options: Int32) {
        var status: Int32 = 0
        let result = waitpid(pid, &status, options)
        if result == pid {
            let signal = status & 0x7F
            ended = signal == 0 ? (status >> 8) & 0xFF : signal
        } else if result < 0 && errno == ECHILD {
            ended = -1
        }
    }
}

/// Why a child process could not be started.
public struct SpawnError: Error, CustomStringConvertible, LocalizedError {
    public var message: String
    public var description: String { message }
    public var errorDescription: String? { message }
}
