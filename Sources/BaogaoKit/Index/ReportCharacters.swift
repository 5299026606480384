import Foundation
import GRDB

/// Which passages of each report hold each of the ``FrequentCharacters``: one row per report
/// in `report_chars`, written and deleted with the report, so that a search for one common
/// character is counted and sampled from bits instead of an FTS5 prefix query.
///
/// A row holds the report's first passage id, its number of passages n, and one bitmap of
/// ⌈n/8⌉ bytes per slot, slot after slot: bit i (byte i/8, bit i%8) of slot s is set when
/// passage `first + i` holds character s. A report's passages have contiguous ids, since they
/// are inserted together; a report whose ids are not gets no row, and then the index stores no
/// ``ReportRanges`` and is never read this way (``isComplete(_:)``).
///
/// ```swift
/// try ReportCharacters.insert(reportID: 7, firstPassage: 120, slots: perPassage, db)
/// let (passages, reports) = try ReportCharacters.count(slot: 0, db)   // 的
/// ```
enum ReportCharacters {
    /// Writes the row of one report; `slots[i]` are the characters of its passage `first + i`.
    static func insert(reportID: Int64, firstPassage: Int64, slots: [FrequentCharacters.Slots], _ db: Database) throws {
        let width = (slots.count + 7) / 8
        var bits = [UInt8](repeating: 0, count: width * FrequentCharacters.count)
        for (i, passage) in slots.enumerated() {
            for slot in 0..<FrequentCharacters.count where passage.contains(slot) {
                bits[slot * width + i / 8] |= 1 << UInt8(i % 8)
            }
        }
        try db.cachedStatement(sql: """
            INSERT INTO report_chars(report_id, first_passage, passages, bits) VALUES (?, ?, ?, ?)
            """).execute(arguments: [reportID, firstPassage, slots.count, Data(bits)])
    }

    /// Whether every report has its row: the index knows every report's passage range
    /// (``ReportRanges/isKnown(_:)``), one lookup in `meta` (counting both tables' rows cost a
    /// scan of `report_chars` per search, 40 MB at 1 GB).
    static func isComplete(_ db: Database) throws -> Bool {
        try ReportRanges.isKnown(db)
    }

    /// Calls `body(passageID, reportID)` for every passage holding the character of `slot`, in
    /// ascending passage id order.
    static func forEachPassage(holding slot: Int, _ db: Database, _ body: (Int64, Int64) throws -> Void) throws {
        try forEachBitmap(of: slot, db) { reportID, first, count, bytes in
            try forEachSetBit(bytes, count: count) { try body(first + Int64($0), reportID) }
        }
    }

    /// Calls `body(i)` for every bit i < `count` set in `bytes`, ascending.
    private static func forEachSetBit(_ bytes: UnsafeRawBufferPointer, count: Int, _ body: (Int) throws -> Void) rethrows {
        for (k, byte) in bytes.enumerated() where byte != 0 {
            var byte = byte
            while byte != 0 {
                let i = k * 8 + byte.trailingZeroBitCount
                if i < count { try body(i) }
                byte &= byte - 1
            }
        }
    }

    /// Calls `body(reportID, passages)` for every report with passages holding the character
    /// of `slot`, in passage order: a row per report, whatever the number of matches.
    static func forEachCount(slot: Int, _ db: Database, _ body: (Int64, Int) throws -> Void) throws {
        try forEachBitmap(of: slot, db) { reportID, _, _, bytes in
            let held = bytes.reduce(0) { $0 + $1.nonzeroBitCount }
            if held > 0 { try body(reportID, held) }
        }
    }

    /// One report's bitmap of `slot`: its first passage id, its number of passages and the
    /// bits (see the type); nil without its row.
    static func bitmap(of slot: Int, report: Int64, _ db: Database) throws -> (first: Int64, count: Int, bits: [UInt8])? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT first_passage, passages, substr(bits, ? * ((passages + 7) / 8) + 1, (passages + 7) / 8)
            FROM report_chars WHERE report_id = ?
            """), arguments: [slot, report]) else { return nil }
        let bits: Data = row[2] ?? Data()
        return (row[0], row[1], [UInt8](bits))
    }

    /// Calls `body(passageID)` for the passages of one report holding the character of `slot`,
    /// ascending.
    static func forEachPassage(holding slot: Int, report: Int64, _ db: Database, _ body: (Int64) throws -> Void) throws {
        guard let (first, count, bits) = try bitmap(of: slot, report: report, db) else { return }
        try bits.withUnsafeBytes { bytes in
            try forEachSetBit(bytes, count: count) { try body(first + Int64($0)) }
        }
    }

    /// How many passages of one report hold the character of `slot` (0 without its row).
    static func count(slot: Int, report: Int64, _ db: Database) throws -> Int {
        var count = 0
        try forEachPassage(holding: slot, report: report, db) { _ in count += 1 }
        return count
    }

    /// How many passages and reports hold the character of `slot`.
    static func count(slot: Int, _ db: Database) throws -> (passages: Int, reports: Int) {
        var passages = 0
        var reports = 0
        try forEachBitmap(of: slot, db) { _, _, _, bytes in
            let held = bytes.reduce(0) { $0 + $1.nonzeroBitCount }
            passages += held
            if held > 0 { reports += 1 }
        }
        return (passages, reports)
    }

    /// Calls `body(counts)` with every report's number of passages holding each slot (all of
    /// `report_chars`, or the reports of one file), reading each row whole.
    static func forEachReportCounts(ofFile fileID: Int64? = nil, _ db: Database, _ body: ([Int]) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: fileID == nil
            ? "SELECT passages, bits FROM report_chars"
            : "SELECT passages, bits FROM report_chars WHERE report_id IN (SELECT id FROM reports WHERE file_id = ?)")
        let rows = try Row.fetchCursor(statement, arguments: fileID.map { [$0] } ?? [])
        var counts = [Int](repeating: 0, count: FrequentCharacters.count)
        while try rows.next() != nil {
            let width = (Int(statement.int64(at: 0)) + 7) / 8
            let bytes = statement.bytes(at: 1)
            guard bytes.count == width * FrequentCharacters.count else { continue }
            for slot in 0..<FrequentCharacters.count {
                var held = 0
                for k in slot * width..<(slot + 1) * width { held += bytes[k].nonzeroBitCount }
                counts[slot] = held
            }
            try body(counts)
        }
    }

    /// Calls `body(reportID, firstPassage, passages, bitmap)` for every report, in passage
    /// order, with only the bitmap of `slot` read.
    static func forEachBitmap(of slot: Int, _ db: Database,
                                      _ body: (Int64, Int64, Int, UnsafeRawBufferPointer) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT report_id, first_passage, passages,
                   substr(bits, ? * ((passages + 7) / 8) + 1, (passages + 7) / 8)
            FROM report_chars ORDER BY first_passage
            """)
        let rows = try Row.fetchCursor(statement, arguments: [slot])
        while try rows.next() != nil {
            try body(statement.int64(at: 0), statement.int64(at: 1), Int(statement.int64(at: 2)), statement.bytes(at: 3))
        }
    }
}
