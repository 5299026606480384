#if canImport(Glibc)
import Glibc
#endif

/// How many malloc arenas a long-running process keeps.
///
/// glibc gives threads that allocate at the same time arenas of their own (up to eight per
/// core) and keeps what is freed in each for that arena's next allocation, so a server whose
/// reads run on a few threads holds the peaks of each. Two arenas: 213 → 184 MB resident for a
/// server answering the four heaviest requests for a minute at 532,250 reports, at the same
/// rate (146 and 147 answers). Elsewhere than glibc, nothing changes.
enum MallocArenas {
    static let count: Int32 = 2

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
