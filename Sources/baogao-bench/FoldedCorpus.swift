import BaogaoKit
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Every passage of an index, folded for matching and laid end to end, for sampling queries
/// and for counting their matches by brute force (a plain substring scan, no index).
///
/// Passages are joined by `\n`, which no passage contains, so no match spans two passages.
final class FoldedCorpus {
    /// The folded UTF-8 of every passage, each followed by `\n`.
    let bytes: [UInt8]
    /// The offset in ``bytes`` where each passage starts, ascending.
    let starts: [Int]
    /// The original UTF-8 bytes of the passages (before folding).
    let originalBytes: Int

    /// Loads the passages of a Baogao index, in id order (the plain `passages` table: no
    /// tokenizer needed).
    init(index: URL) throws {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: index.path, configuration: config)
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var original = 0
        try queue.read { db in
            // Reserved up front: at 10 GB an array that doubles as it grows would hold the old
            // and the new buffer at once. Folding rarely lengthens text (㈠ → (一)): 3% to spare.
            let row = try Row.fetchOne(db, sql: "SELECT sum(length(CAST(text AS BLOB))), count(*) FROM passages")
            let total: Int = row?[0] ?? 0, count: Int = row?[1] ?? 0
            bytes.reserveCapacity(total + total / 32 + count)
            starts.reserveCapacity(count)
            let rows = try String.fetchCursor(db, sql: "SELECT text FROM passages ORDER BY id")
            while let text = try rows.next() {
                starts.append(bytes.count)
                original += text.utf8.count
                bytes.append(contentsOf: ScalarFolding.fold(text).utf8)
                bytes.append(0x0A)
            }
        }
        try queue.close()
        self.bytes = bytes
        self.starts = starts
        self.originalBytes = original
    }

    var passageCount: Int { starts.count }

    /// The passage holding byte `offset`.
    func passage(at offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The passages (ascending) whose folded text contains `phrase`, a folded string of
    /// ideographs (no word boundaries to check).
    func passages(containing phrase: String) -> [Int32] {
        let needle = Array(phrase.utf8)
        guard !needle.isEmpty else { return [] }
        var found: [Int32] = []
        bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                guard haystack.baseAddress != nil else { return }
                var offset = 0
                var passageEnd = -1
                while offset < haystack.count,
                      let hit = find(needle, in: UnsafeBufferPointer(rebasing: haystack[offset...])) {
                    let at = offset + hit
                    if at >= passageEnd {
                        let p = passage(at: at)
                        found.append(Int32(p))
                        passageEnd = p + 1 < starts.count ? starts[p + 1] : haystack.count
                        offset = passageEnd
                    } else {
                        offset = at + 1
                    }
                }
            }
        }
        return found
    }

    /// The first offset of `needle` in `haystack` (glibc's `memmem`: a hashed shift table,
    /// several times faster than `memchr` on the first byte, which for CJK text stops every few bytes).
    private func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, haystack.count >= needle.count,
              let hit = cMemmem(base, haystack.count, needle.baseAddress!, needle.count) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// How many passages a term typed without quotes matches: those containing it, and those
    /// where its near variants match (``TermVariant/matches(_:)`` on every passage holding
    /// each part of some split, found by substring scans, not by the index's NEAR groups).
    func countUnquoted(_ term: String) -> Int {
        let exact = Set(passages(containing: term))
        guard let plan = TermPlan(term), let variant = TermVariant(plan) else { return exact.count }
        var candidates: Set<Int32> = []
        for parts in variant.splits {
            var holding: Set<Int32>?
            for part in parts {
                var text = String.UnicodeScalarView()
                for value in part { text.append(Unicode.Scalar(value)!) }
                let found = Set(passages(containing: String(text)))
                holding = holding.map { $0.intersection(found) } ?? found
            }
            candidates.formUnion(holding ?? [])
        }
        var variants = 0
        for p in candidates where !exact.contains(p) {
            let start = starts[Int(p)]
            let end = Int(p) + 1 < starts.count ? starts[Int(p) + 1] - 1 : bytes.count - 1
            if variant.matches(FoldedText(String(decoding: bytes[start..<end], as: UTF8.self))) { variants += 1 }
        }
        return exact.count + variants
    }

    /// How many passages contain every term.
    func count(_ terms: [String]) -> Int {
        var sets = terms.map { passages(containing: $0) }
        sets.sort { $0.count < $1.count }
        guard var common = sets.first else { return 0 }
        for other in sets.dropFirst() {
            let keep = Set(other)
            common = common.filter { keep.contains($0) }
        }
        return common.count
    }
}

/// The C library's `memmem`, which Swift's Glibc module leaves out (it is a GNU extension there).
@_silgen_name("memmem")
private func cMemmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int,
                     _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeMutableRawPointer?
