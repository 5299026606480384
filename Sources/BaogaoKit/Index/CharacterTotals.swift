import Foundation
import GRDB

/// How many passages and reports of the whole index hold each ideograph: one row of `meta`,
/// so that counting one character without a filter is a lookup instead of an FTS5 prefix
/// query over every bigram starting with it (所 at 1 GB: 556,360 rowids, 114 ms).
///
/// Stored and forgotten with the ``ReportRanges`` (every write of a report removes both), under
/// the id the ranges were stored with: a writer that knows nothing of these totals removes the
/// ranges and their id but not them, and the next ranges get another id, so stale totals are
/// never read. A run adds its own changes to the totals it started from (each report written
/// adds its ``CharacterCounts``; each deleted one takes away the counts of its stored text), or,
/// when it found none, counts them from every passage's text.
///
/// ```swift
/// CharacterTotals.lookup(0x6240, db)   // (passages, reports) holding 所, or nil when not stored
/// ```
struct CharacterTotals: Equatable, Sendable {
    static let key = "character_totals"
    /// The key of the ranges' id these totals were stored with (``ReportRanges/idKey``).
    static let idKey = "character_totals_id"

    private static let base: UInt32 = 0x4E00
    private static let size = 0x9FFF - 0x4E00 + 1

    /// U+4E00 … U+9FFF in tables, the rest in a dictionary.
    private var passages = [Int](repeating: 0, count: size)
    private var reports = [Int](repeating: 0, count: size)
    private var others: [UInt32: Totals] = [:]

    /// Passages holding one character, and reports with at least one of them.
    struct Totals: Equatable, Sendable {
        var passages = 0
        var reports = 0
    }

    init() {}

    /// The totals of the folded scalar `value`.
    func of(_ value: UInt32) -> Totals {
        let i = Int(value &- Self.base)
        if i >= 0 && i < Self.size { return Totals(passages: passages[i], reports: reports[i]) }
        return others[value] ?? Totals()
    }

    /// Adds one report (`sign` 1) or takes it away (-1).
    mutating func add(_ counts: CharacterCounts, sign: Int = 1) {
        for (value, count) in zip(counts.characters, counts.passages) {
            let i = Int(value &- Self.base)
            if i >= 0 && i < Self.size {
                passages[i] += sign * Int(count)
                reports[i] += sign
            } else {
                others[value, default: Totals()].passages += sign * Int(count)
                others[value, default: Totals()].reports += sign
            }
        }
    }

    /// The totals the run started from (`lhs`) with its changes (`rhs`, which a deleted report
    /// makes negative) added.
    static func + (lhs: CharacterTotals, rhs: CharacterTotals) -> CharacterTotals {
        var sum = lhs
        for i in 0..<size {
            sum.passages[i] += rhs.passages[i]
            sum.reports[i] += rhs.reports[i]
        }
        for (value, totals) in rhs.others {
            sum.others[value, default: Totals()].passages += totals.passages
            sum.others[value, default: Totals()].reports += totals.reports
        }
        sum.others = sum.others.filter { $0.value != Totals() }
        return sum
    }

    // MARK: Stored

    /// Bytes per character stored: the scalar (UInt32), passages and reports (Int64 each),
    /// little-endian, ascending by scalar; characters no passage holds are left out.
    static let entrySize = 20

    func encoded() -> Data {
        var entries: [(UInt32, Totals)] = []
        for i in 0..<Self.size where reports[i] != 0 || passages[i] != 0 {
            entries.append((Self.base + UInt32(i), Totals(passages: passages[i], reports: reports[i])))
        }
        entries += others.filter { $0.value != Totals() }.map { ($0.key, $0.value) }
        entries.sort { $0.0 < $1.0 }
        var data = Data(capacity: entries.count * Self.entrySize)
        for (value, totals) in entries {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(totals.passages).littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(totals.reports).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    init?(decoding data: Data) {
        guard data.count % Self.entrySize == 0 else { return nil }
        data.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count, by: Self.entrySize) {
                let (value, totals) = Self.entry(raw, at: offset)
                let i = Int(value &- Self.base)
                if i >= 0 && i < Self.size {
                    passages[i] = totals.passages
                    reports[i] = totals.reports
                } else {
                    others[value] = totals
                }
            }
        }
    }

    private static func entry(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (UInt32, Totals) {
        (UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
         Totals(passages: Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: Int64.self))),
                reports: Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: Int64.self)))))
    }

    /// The stored value, when it was stored with the ranges the index holds now.
    private static func storedValue(_ db: Database) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: """
            SELECT c.value FROM meta c, meta i, meta r
            WHERE c.key = ? AND i.key = ? AND r.key = ? AND i.value = r.value
            """), arguments: [key, idKey, ReportRanges.idKey])
    }

    /// Whether totals stored with the ranges the index holds now are there, without reading them.
    static func isKnown(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM meta i, meta r WHERE i.key = ? AND r.key = ? AND i.value = r.value
              AND EXISTS (SELECT 1 FROM meta WHERE key = ?)
            """), arguments: [idKey, ReportRanges.idKey, key]) ?? false
    }

    /// The stored totals, or nil when they are not known.
    static func load(_ db: Database) throws -> CharacterTotals? {
        try storedValue(db).flatMap { CharacterTotals(decoding: $0) }
    }

    /// The stored totals of the folded scalar `value` (zero when no passage holds it), or nil
    /// when they are not known.
    static func lookup(_ value: UInt32, _ db: Database) throws -> Totals? {
        try lookup([value], db)?.first
    }

    /// The stored totals of each of `values`, in order; nil when they are not known.
    ///
    /// Read through the copy this process decoded last under the same id (see
    /// ``shared(_:)``): the stored value is 71 KB at 1 GB, and a query looks characters up
    /// one to four times.
    static func lookup(_ values: [UInt32], _ db: Database) throws -> [Totals]? {
        guard let totals = try shared(db) else { return nil }
        return values.map(totals.of)
    }

    /// The stored totals, decoded once per id: the copy this process read last when the id
    /// stored with them is the same, else read and kept. Every store of these totals follows a
    /// store of the ``ReportRanges`` under a new random id in the same transaction, and
    /// ``ReportRanges/renewID(_:)`` carries the id over only when the text is the same, so an
    /// id names one value.
    static func shared(_ db: Database) throws -> CharacterTotals? {
        guard let id = try String.fetchOne(db.cachedStatement(sql: """
            SELECT i.value FROM meta i, meta r WHERE i.key = ? AND r.key = ? AND i.value = r.value
            """), arguments: [idKey, ReportRanges.idKey]) else { return nil }
        return try lastShared.value(id: id) { try load(db) }
    }

    /// The totals ``shared(_:)`` read last, with their id.
    private static let lastShared = SharedCopy<CharacterTotals>()

    /// Stores `totals` under the id of the ranges stored in this transaction.
    static func store(_ totals: CharacterTotals, _ db: Database) throws {
        guard let id = try ReportRanges.storedID(db) else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, totals.encoded()])
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [idKey, id])
    }

    // MARK: Counted from the text

    /// The totals counted from every passage's text (a read of all of it: seconds at 1 GB),
    /// for a run that found none. Passages are read in id order and a report's are taken to
    /// be contiguous, as they are whenever ranges are stored.
    static func counted(_ db: Database) throws -> CharacterTotals {
        var totals = CharacterTotals()
        try count(into: &totals, sign: 1, db, sql: "SELECT report_id, text FROM passages ORDER BY id", arguments: [])
        return totals
    }

    /// Takes away from `totals` what the reports of file `fileID` hold, counted from their
    /// stored text (before they are deleted).
    static func takeAway(file fileID: Int64, from totals: inout CharacterTotals, _ db: Database) throws {
        try count(into: &totals, sign: -1, db, sql: """
            SELECT report_id, text FROM passages
            WHERE report_id IN (SELECT id FROM reports WHERE file_id = ?) ORDER BY report_id, id
            """, arguments: [fileID])
    }

    private static func count(into totals: inout CharacterTotals, sign: Int, _ db: Database,
                              sql: String, arguments: StatementArguments) throws {
        var tally = CharacterCounts.Tally()
        var report: Int64?
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != report {
                if report != nil { totals.add(tally.counts, sign: sign) }
                tally.reset()
                report = id
            }
            _ = PassageTerms(row[1] as String, tally: &tally)
        }
        if report != nil { totals.add(tally.counts, sign: sign) }
    }
}
