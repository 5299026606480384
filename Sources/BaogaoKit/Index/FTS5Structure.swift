import Foundation
import GRDB

/// The segments of the FTS5 index, level by level, as FTS5 records them (row 10 of
/// `passages_fts_data`): each segment's leaf pages, and how many of a level's segments a
/// merge under way reads.
///
/// New segments go to level 0; a merge reads a whole level and writes one segment a level
/// up. A query opens every segment, so their number is what an index updated many times pays
/// per token; how many pages a merge under way has left to read says how much work it is.
///
/// ```swift
/// FTS5Structure(record: [0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 1, 7, 1, 40])
/// // levels [[], [40 pages]], nothing merging
/// ```
struct FTS5Structure: Equatable, Sendable {
    struct Level: Equatable, Sendable {
        /// The leaf pages of each segment, oldest first (0 for one a merge has read whole).
        var segmentPages: [Int]
        /// How many of the first segments are inputs of a merge under way.
        var merging = 0
        /// Each segment's id and first and last leaf page, in the order of `segmentPages`.
        var segments: [Segment] = []
    }

    /// A segment as the record names it: its rows in `passages_fts_data` are those of ids
    /// from `id << 37` (``rowIDs``), its terms' pages those of `passages_fts_idx` with `segid`
    /// `id`.
    struct Segment: Equatable, Hashable, Sendable {
        var id: Int64
        var firstPage: Int64
        var lastPage: Int64

        /// The ids of the segment's rows in `passages_fts_data` (leaves and doclist indexes):
        /// FTS5 puts the segment id above 37 bits of height, kind and page number.
        var rowIDs: Range<Int64> { (id << 37)..<((id + 1) << 37) }
        /// The id of its last leaf page's row.
        var lastLeafRowID: Int64 { (id << 37) + lastPage }
    }

    /// Every segment, level by level.
    var segments: [Segment] { levels.flatMap(\.segments) }

    var levels: [Level]

    var segmentCount: Int { levels.reduce(0) { $0 + $1.segmentPages.count } }

    /// The leaf pages a merge under way still has to read; 0 when none is.
    var mergingPages: Int {
        levels.reduce(0) { $0 + $1.segmentPages.prefix($1.merging).reduce(0, +) }
    }

    /// The structure stored in `db`, nil when it cannot be read (an index without FTS5 data).
    static func read(_ db: Database) -> FTS5Structure? {
        guard let data = try? Data.fetchOne(db, sql: "SELECT block FROM passages_fts_data WHERE id = 10") else { return nil }
        return FTS5Structure(record: [UInt8](data))
    }

    /// Decodes a structure record: a 4-byte cookie, FTS5's 4-byte mark of the second format
    /// (which adds five numbers per segment), then varints — levels, segments, a write
    /// counter, and per level the inputs of its merge, its segments and each one's id, first
    /// and last page. Nil when the record does not add up.
    init?(record: [UInt8]) {
        let secondFormat = record.count >= 8 && Array(record[4..<8]) == [0xFF, 0x00, 0x00, 0x01]
        let header = secondFormat ? 8 : 4
        guard record.count > header else { return nil }
        let values = record[header...].withUnsafeBytes { FTS5Totals.varints($0, count: .max) }
        var next = values.makeIterator()
        guard let levelCount = next.next(), let segmentTotal = next.next(), next.next() != nil,
              levelCount <= 64, segmentTotal <= 2_000 else { return nil }
        var levels: [Level] = []
        for _ in 0..<levelCount {
            guard let merging = next.next(), let count = next.next(), merging <= count, count <= segmentTotal
            else { return nil }
            var level = Level(segmentPages: [], merging: Int(merging))
            for _ in 0..<count {
                guard let id = next.next(), let first = next.next(), let last = next.next(), last >= first,
                      id <= Int32.max else { return nil }
                if secondFormat {
                    for _ in 0..<5 { guard next.next() != nil else { return nil } }
                }
                level.segmentPages.append(first == 0 ? 0 : Int(last - first + 1))
                level.segments.append(Segment(id: Int64(id), firstPage: Int64(first), lastPage: Int64(last)))
            }
            levels.append(level)
        }
        guard levels.reduce(0, { $0 + $1.segmentPages.count }) == segmentTotal else { return nil }
        self.levels = levels
    }
}
