import Foundation
import GRDB

/// How many passages and reports of the whole index hold each of the ``FrequentCharacters`` and
/// ``FrequentBigrams``: one row of `meta`, so that counting 的 or 发展 without a filter reads
/// 3.5 KB instead of a row per report (`report_chars`, `report_bigrams`: 54,544 rows and
/// 30–60 ms at 1 GB).
///
/// They are stored with the ``ReportRanges`` (in the same row: every write of a report removes
/// both, and a writer that knows nothing of the totals cannot leave them stale), again when a
/// run ends: the totals the run started from plus its own changes (each report written or
/// deleted adds or takes away its counts), or, when it found none (after an interrupted run),
/// counted from every report's rows.
///
/// ```swift
/// let totals = try ReportRanges.load(db)?.totals   // nil when not stored
/// totals?.character(0)                             // (passages, reports) holding 的
/// totals?.bigram(1)                                // … holding 发展
/// ```
struct SlotTotals: Equatable, Sendable {
    /// The character slots, then the bigram slots.
    static let slots = FrequentCharacters.count + FrequentBigrams.count

    /// Per slot: passages holding it, and reports with at least one such passage.
    private(set) var passages = [Int](repeating: 0, count: slots)
    private(set) var reports = [Int](repeating: 0, count: slots)

    init() {}

    func character(_ slot: Int) -> (passages: Int, reports: Int) {
        (passages[slot], reports[slot])
    }

    func bigram(_ slot: Int) -> (passages: Int, reports: Int) {
        (passages[FrequentCharacters.count + slot], reports[FrequentCharacters.count + slot])
    }

    /// Adds one report, given how many of its passages hold each character slot and each
    /// bigram slot.
    mutating func add(characters: [Int], bigrams: [Int]) {
        for (slot, count) in characters.enumerated() where count > 0 {
            passages[slot] += count
            reports[slot] += 1
        }
        for (slot, count) in bigrams.enumerated() where count > 0 {
            passages[FrequentCharacters.count + slot] += count
            reports[FrequentCharacters.count + slot] += 1
        }
    }

    /// Adds one report given the slots each of its passages holds.
    mutating func add(characters: [FrequentCharacters.Slots], bigrams: [FrequentCharacters.Slots]) {
        func counts(_ passages: [FrequentCharacters.Slots], _ slots: Int) -> [Int] {
            var counts = [Int](repeating: 0, count: slots)
            for passage in passages {
                passage.forEachSlot { counts[$0] += 1 }
            }
            return counts
        }
        add(characters: counts(characters, FrequentCharacters.count), bigrams: counts(bigrams, FrequentBigrams.count))
    }

    static func + (lhs: SlotTotals, rhs: SlotTotals) -> SlotTotals { lhs.combined(with: rhs, sign: 1) }

    /// What is left once the reports counted in `rhs` are taken away.
    static func - (lhs: SlotTotals, rhs: SlotTotals) -> SlotTotals { lhs.combined(with: rhs, sign: -1) }

    private func combined(with other: SlotTotals, sign: Int) -> SlotTotals {
        var sum = self
        for i in 0..<Self.slots {
            sum.passages[i] += sign * other.passages[i]
            sum.reports[i] += sign * other.reports[i]
        }
        return sum
    }

    /// The bytes of the totals: per slot, passages then reports, each an Int64 little-endian.
    static let encodedSize = slots * 16

    func encoded() -> Data {
        var data = Data(capacity: Self.encodedSize)
        for i in 0..<Self.slots {
            withUnsafeBytes(of: Int64(passages[i]).littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(reports[i]).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Decodes ``encodedSize`` bytes written by ``encoded()``.
    init(decoding raw: UnsafeRawBufferPointer) {
        for i in 0..<Self.slots {
            passages[i] = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * i, as: Int64.self)))
            reports[i] = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 * i + 8, as: Int64.self)))
        }
    }

    /// The totals counted from every report's rows (one scan of `report_chars` and one of
    /// `report_bigrams`).
    static func counted(_ db: Database) throws -> SlotTotals {
        var totals = SlotTotals()
        let empty = [Int](repeating: 0, count: FrequentBigrams.count)
        try ReportCharacters.forEachReportCounts(db) { totals.add(characters: $0, bigrams: empty) }
        let none = [Int](repeating: 0, count: FrequentCharacters.count)
        try ReportBigrams.forEachReportCounts(db) { totals.add(characters: none, bigrams: $0) }
        return totals
    }

    /// What the reports of file `fileID` add to the totals, read from their rows (before they
    /// are deleted).
    static func ofFile(_ fileID: Int64, _ db: Database) throws -> SlotTotals {
        var totals = SlotTotals()
        let none = [Int](repeating: 0, count: FrequentCharacters.count)
        let empty = [Int](repeating: 0, count: FrequentBigrams.count)
        try ReportCharacters.forEachReportCounts(ofFile: fileID, db) { totals.add(characters: $0, bigrams: empty) }
        try ReportBigrams.forEachReportCounts(ofFile: fileID, db) { totals.add(characters: none, bigrams: $0) }
        return totals
    }
}
