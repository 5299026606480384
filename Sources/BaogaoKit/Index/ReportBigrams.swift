import Foundation
import GRDB

/// How many passages of each report hold each of the ``FrequentBigrams``: one row per report in
/// `report_bigrams`, written and deleted with the report, so that "which units mention 发展"
/// reads a count per report instead of every matching FTS5 rowid.
///
/// A row holds one little-endian count per slot, `width` bytes each: 2, or 4 for a report
/// where some count passes 65,535. Like ``ReportCharacters``, the rows are read only when the
/// index knows every report's passage range (``ReportRanges``), which a run stores only after
/// every report of the index was written with its rows.
///
/// ```swift
/// try ReportBigrams.insert(reportID: 7, slots: perPassage, db)
/// try ReportBigrams.forEachCount(slot: 1, db) { report, passages in … }   // 发展
/// ```
enum ReportBigrams {
    /// Writes the row of one report; `slots[i]` are the bigrams of its i-th passage.
    static func insert(reportID: Int64, slots: [FrequentCharacters.Slots], _ db: Database) throws {
        var counts = [UInt32](repeating: 0, count: FrequentBigrams.count)
        for passage in slots where passage != FrequentCharacters.Slots() {
            for slot in 0..<FrequentBigrams.count where passage.contains(slot) { counts[slot] += 1 }
        }
        let width = counts.contains { $0 > UInt16.max } ? 4 : 2
        var bytes = [UInt8]()
        bytes.reserveCapacity(width * counts.count)
        for count in counts {
            for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: count >> (8 * UInt32(k)))) }
        }
        try db.cachedStatement(sql: """
            INSERT INTO report_bigrams(report_id, width, counts) VALUES (?, ?, ?)
            """).execute(arguments: [reportID, width, Data(bytes)])
    }

    /// Calls `body(reportID, passages)` for every report with passages holding the bigram of
    /// `slot`, in report id order.
    static func forEachCount(slot: Int, _ db: Database, _ body: (Int64, Int) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT report_id, width, substr(counts, ? * width + 1, width) FROM report_bigrams ORDER BY report_id
            """)
        let rows = try Row.fetchCursor(statement, arguments: [slot])
        while try rows.next() != nil {
            let bytes = statement.bytes(at: 2)
            let width = Int(statement.int64(at: 1))
            guard bytes.count == width else { continue }
            let count = Self.count(at: 0, width: width, in: bytes)
            if count > 0 { try body(statement.int64(at: 0), count) }
        }
    }

    /// How many passages of one report hold the bigram of `slot` (0 without its row).
    static func count(slot: Int, report: Int64, _ db: Database) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            SELECT width, substr(counts, ? * width + 1, width) FROM report_bigrams WHERE report_id = ?
            """)
        let rows = try Row.fetchCursor(statement, arguments: [slot, report])
        guard try rows.next() != nil else { return 0 }
        let width = Int(statement.int64(at: 0))
        let bytes = statement.bytes(at: 1)
        return bytes.count == width ? Self.count(at: 0, width: width, in: bytes) : 0
    }

    /// Calls `body(counts)` with every report's number of passages holding each slot (all of
    /// `report_bigrams`, or the reports of one file), reading each row whole.
    static func forEachReportCounts(ofFile fileID: Int64? = nil, _ db: Database, _ body: ([Int]) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: fileID == nil
            ? "SELECT width, counts FROM report_bigrams"
            : "SELECT width, counts FROM report_bigrams WHERE report_id IN (SELECT id FROM reports WHERE file_id = ?)")
        let rows = try Row.fetchCursor(statement, arguments: fileID.map { [$0] } ?? [])
        var counts = [Int](repeating: 0, count: FrequentBigrams.count)
        while try rows.next() != nil {
            let width = Int(statement.int64(at: 0))
            let bytes = statement.bytes(at: 1)
            guard bytes.count == width * FrequentBigrams.count else { continue }
            for slot in 0..<FrequentBigrams.count { counts[slot] = Self.count(at: slot, width: width, in: bytes) }
            try body(counts)
        }
    }

    /// How many passages and reports hold the bigram of `slot`.
    static func count(slot: Int, _ db: Database) throws -> (passages: Int, reports: Int) {
        var passages = 0
        var reports = 0
        try forEachCount(slot: slot, db) { _, count in
            passages += count
            reports += 1
        }
        return (passages, reports)
    }

    /// The little-endian count of `slot`, `width` bytes, in a row's `counts` (as `insert` writes it).
    private static func count(at slot: Int, width: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for k in 0..<width { count |= Int(bytes[slot * width + k]) << (8 * k) }
        return count
    }
}
