import ArgumentParser
import BaogaoKit
import Foundation

/// What one Baogao build in a child process measured.
struct ChildIndexResult: Codable {
    /// Wall time of `Indexer.index`, inside the child.
    var seconds: Double
    /// Peak resident memory of the child: `VmHWM` as the child saw it. (`ru_maxrss` from
    /// `wait4` is no use here: `posix_spawn` runs the child in the parent's memory until
    /// `execve`, and Linux keeps that high-water mark, so it reports the parent's size.)
    var peakRSSBytes: Int
    /// CPU seconds (user and system, all threads) of the child: less sensitive than wall
    /// time to other work on a shared machine.
    var cpuSeconds: Double
    var reports: Int
    var passages: Int
    var skipped: [String]
}

/// Builds a Baogao index from scratch in a child process (this executable, `index-child`), so
/// its peak memory is the indexer's alone.
enum ChildIndexing {
    static func run(folder: URL, index: URL) throws -> ChildIndexResult {
        guard let executable = Bundle.main.executableURL?.path else {
            throw BenchError("cannot find this executable to run the indexer in a child process")
        }
        let outcome = try Spawn.run(executable, ["index-child", folder.path, index.path])
        guard outcome.status == 0,
              let result = try? JSONDecoder().decode(ChildIndexResult.self, from: outcome.stdout) else {
            throw BenchError("indexing \(folder.path) failed in the child process (status \(outcome.status)): "
                             + String(decoding: outcome.stdout, as: UTF8.self))
        }
        return result
    }
}

/// `baogao-bench index-child FOLDER INDEX`: indexes FOLDER into a new INDEX through
/// BaogaoKit's `Indexer` and prints the measurement as JSON. Used by the benchmark itself.
struct IndexChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index-child",
        abstract: "Index a folder from scratch and print seconds and peak memory as JSON.",
        shouldDisplay: false
    )

    @Argument var folder: String
    @Argument var index: String

    func run() throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: index + suffix)
        }
        let summary = try Indexer.index(folder: URL(fileURLWithPath: folder), into: URL(fileURLWithPath: index),
                                        rebuild: true)
        let result = ChildIndexResult(
            seconds: summary.seconds, peakRSSBytes: PeakMemory.bytes(), cpuSeconds: CPUTime.seconds(),
            reports: summary.reports, passages: summary.passages,
            skipped: summary.skipped.map { "\($0.path): \($0.reason)" })
        FileHandle.standardOutput.write(try JSONEncoder().encode(result))
    }
}

/// The peak resident memory of this process.
enum PeakMemory {
    /// `VmHWM` from `/proc/self/status`, else `ru_maxrss`; in bytes.
    static func bytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kB = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") {
            return kB * 1024
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}

/// CPU time used by this process so far, all threads.
enum CPUTime {
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}
