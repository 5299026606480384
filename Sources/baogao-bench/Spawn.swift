import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process with `posix_spawn` and `wait4`, for exact wall time and
/// the child's own peak memory (Foundation's `Process` adds latency and hides `rusage`).
enum Spawn {
    struct Outcome {
        var status: Int32
        var stdout: Data
        /// Wall time from spawn to exit.
        var milliseconds: Double
        /// The child's `ru_maxrss`, in bytes: at least the parent's size at the spawn (the
        /// child runs in the parent's memory until `execve`).
        var peakRSSBytes: Int
    }

    /// Runs `executable` with `arguments`; stdout is captured, stderr goes to `stderrPath`
    /// (or is discarded), stdin is empty. `environment` entries are added to ours.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    stderrPath: String? = nil) throws -> Outcome {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchError("cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let start = Clock.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(pipe[0], &buffer, buffer.count)
            if n > 0 { output.append(buffer, count: n) } else if n == 0 || errno != EINTR { break }
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = Clock.milliseconds(since: start)
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exit, stdout: output, milliseconds: elapsed, peakRSSBytes: usage.ru_maxrss * 1024)
    }

    /// The full path of `name` on PATH, or `nil`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A benchmark failure with a message for the user.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
