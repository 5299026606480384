import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How many malloc arenas a long-running process keeps.
///
/// glibc gives threads that allocate at the same time arenas of their own (up to eight per
/// core) and keeps what is freed in each for that arena's next allocation, so a server whose
/// reads run on a few threads holds the peaks of each. Two arenas: 213 → 184 MB resident for a
/// server answering the four heaviest requests for a minute at 532,250 reports, at the same
/// rate (146 and 147 answers). But a thread keeps the arena it first got, and with two of them
/// the server's two read threads could share one (another thread, such as the second reader's,
/// holding the other) and wait on its lock: the load check at 1 GB then answered 52–57 requests
/// a second in some runs instead of 72–77, by which thread allocated first. Two per core gives
/// every reading thread (one per core, the second readers, the event loops) room for one of its
/// own: 70–77 requests a second in every run, 218–222 MB at 10 GB under the heaviest requests
/// (209 with two arenas). Elsewhere than glibc, nothing changes.
enum MallocArenas {
    static let count = Int32(max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))

    /// Call before the process starts its threads.
    static func limit() {
        #if canImport(Glibc)
        // mallopt is declared in malloc.h, which the Glibc module leaves out: found by name.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, count)
        #endif
    }
}
