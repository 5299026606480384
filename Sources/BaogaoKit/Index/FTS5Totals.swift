import Foundation
import GRDB

/// The rows FTS5 counts in `passages_fts` and their tokens, read from its averages record
/// (`passages_fts_data` row 1: SQLite varints, the rows then each column's tokens): bm25's N
/// and the total behind its average length, without a statement on the FTS5 table.
///
/// ```swift
/// let totals = try FTS5Totals.read(db)   // FTS5Totals(rows: 2384403, tokens: 98765432)
/// totals?.averageLength                  // as TermFrequencyRank and bm25 use it
/// ```
struct FTS5Totals: Equatable, Sendable {
    var rows: Int
    var tokens: Int

    /// The average length of a row in tokens as ``TermFrequencyRank`` takes it.
    var averageLength: Double { TermFrequencyRank.averageLength(rows: Int64(rows), tokens: Int64(tokens)) }

    /// The index's totals; nil when the record is missing or malformed.
    static func read(_ db: Database) throws -> FTS5Totals? {
        guard let block = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM passages_fts_data WHERE id = 1"))
        else { return nil }
        let values = block.withUnsafeBytes { varints($0, count: 2) }
        guard values.count == 2, let rows = Int(exactly: values[0]), let tokens = Int(exactly: values[1]) else { return nil }
        return FTS5Totals(rows: rows, tokens: tokens)
    }

    /// The first `count` of SQLite's varints in `bytes` (big-endian groups of 7 bits, the ninth
    /// byte whole); fewer when the bytes end first.
    static func varints(_ bytes: UnsafeRawBufferPointer, count: Int) -> [UInt64] {
        var values: [UInt64] = []
        var i = 0
        while values.count < count, let (value, next) = varint(bytes, at: i) {
            values.append(value)
            i = next
        }
        return values
    }

    /// The varint starting at byte `start` of `bytes` and the offset after it; nil when the
    /// bytes end first.
    @inline(__always)
    static func varint(_ bytes: UnsafeRawBufferPointer, at start: Int) -> (value: UInt64, next: Int)? {
        var value: UInt64 = 0
        var i = start
        for n in 0..<9 where i < bytes.count {
            let byte = bytes[i]
            i += 1
            if n == 8 { return (value << 8 | UInt64(byte), i) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return (value, i) }
        }
        return nil
    }
}
