import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Reading FTS5's structure record: its levels, their segments' pages and the merge under way.
@Suite struct FTS5StructureTests {
    typealias Level = FTS5Structure.Level
    let cookie: [UInt8] = [0, 0, 0, 3]
    let secondFormat: [UInt8] = [0xFF, 0x00, 0x00, 0x01]

    @Test func recordsDecode() {
        let table: [(record: [UInt8], levels: [Level]?)] = [
            // Levels, segments, write counter; per level: merging, count; per segment: id, first, last.
            (cookie + [1, 1, 0, 0, 1, 7, 1, 40], [Level(segmentPages: [40])]),
            (cookie + [2, 1, 0, 0, 0, 0, 1, 7, 1, 40], [Level(segmentPages: []), Level(segmentPages: [40])]),
            // 300 pages: a varint of two bytes; a write counter of two.
            (cookie + [2, 3, 0x81, 0x00, 2, 2, 4, 1, 5, 5, 1, 2, 0, 1, 9, 1, 0x82, 0x2C],
             [Level(segmentPages: [5, 2], merging: 2), Level(segmentPages: [300])]),
            // An input a merge has read whole: its first page is 0.
            (cookie + [2, 2, 0, 1, 1, 4, 0, 0, 0, 1, 9, 1, 3], [Level(segmentPages: [0], merging: 1), Level(segmentPages: [3])]),
            // FTS5's second format: five more numbers per segment.
            (cookie + secondFormat + [1, 1, 0, 0, 1, 7, 1, 40, 1, 1, 0, 0, 0x81, 0x00], [Level(segmentPages: [40])]),
            // Malformed: cut short, segments not adding up, a last page before the first, more merging than held.
            (cookie + [1, 1, 0, 0, 1, 7, 1], nil),
            (cookie + [1, 2, 0, 0, 1, 7, 1, 40], nil),
            (cookie + [1, 1, 0, 0, 1, 7, 9, 4], nil),
            (cookie + [1, 1, 0, 2, 1, 7, 1, 40], nil),
            (cookie, nil),
        ]
        for row in table {
            let levels = FTS5Structure(record: row.record)?.levels
            #expect(levels?.map(\.segmentPages) == row.levels?.map(\.segmentPages), "\(row.record)")
            #expect(levels?.map(\.merging) == row.levels?.map(\.merging), "\(row.record)")
        }
        // Each segment's id and pages, as the record gives them.
        typealias Segment = FTS5Structure.Segment
        #expect(FTS5Structure(record: table[2].record)?.segments == [
            Segment(id: 4, firstPage: 1, lastPage: 5), Segment(id: 5, firstPage: 1, lastPage: 2),
            Segment(id: 9, firstPage: 1, lastPage: 300),
        ])
        #expect(FTS5Structure(record: table[3].record)?.segments.first == Segment(id: 4, firstPage: 0, lastPage: 0))
        #expect(FTS5Structure(record: table[4].record)?.segments == [Segment(id: 7, firstPage: 1, lastPage: 40)])
        #expect(Segment(id: 2, firstPage: 1, lastPage: 9).rowIDs == (2 << 37)..<(3 << 37))
        #expect(Segment(id: 2, firstPage: 1, lastPage: 9).lastLeafRowID == (2 << 37) + 9)
        let merging = FTS5Structure(record: table[2].record)
        #expect(merging?.segmentCount == 3)
        #expect(merging?.mergingPages == 7)
        #expect(FTS5Structure(record: table[0].record)?.mergingPages == 0)
    }

    // The record read from a real index names the segments FTS5's own b-tree over the leaves holds.
    @Test func theRecordOfAnIndexNamesItsSegments() throws {
        let (folder, url) = try FTSWritingTests.districts(1...12, passages: 40)
        _ = try Indexer.index(folder: folder, into: url)
        try write(["第3区.txt": FTSWritingTests.report(3, passages: 41)], in: folder)
        _ = try Indexer.index(folder: folder, into: url)

        let (structure, segments, leaves, ids) = try IndexDatabase.open(at: url).read { db in
            (FTS5Structure.read(db),
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM passages_fts_idx") ?? 0,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM passages_fts_data WHERE id >= (1 << 37) AND (id >> 31) & 63 = 0
                """) ?? 0,
             try Int64.fetchAll(db, sql: "SELECT DISTINCT segid FROM passages_fts_idx ORDER BY segid"))
        }
        // The ids the record gives are those of the b-tree's rows, and each segment's last
        // leaf is a row of its own.
        #expect(try #require(structure).segments.map(\.id).sorted() == ids)
        for segment in try #require(structure).segments {
            let found = try IndexDatabase.open(at: url).read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM passages_fts_data WHERE id = ?",
                                 arguments: [segment.lastLeafRowID])
            }
            #expect(found == 1)
        }
        let levels = try #require(structure).levels
        #expect(levels.reduce(0) { $0 + $1.segmentPages.count } == segments)
        #expect(segments > 1)
        // A leaf is a row of `passages_fts_data` whose id is its segment's << 37 plus its page
        // (a doclist's own index sets bits 31–36).
        #expect(levels.flatMap(\.segmentPages).reduce(0, +) == leaves)
    }
}
