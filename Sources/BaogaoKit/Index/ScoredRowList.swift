import Foundation
import GRDB
import GRDBSQLite

/// `baogao_best(rowid, score, k)`: an SQL aggregate returning every rowid it is given, as
/// ``RowIDList`` does, and the `k` rows with the lowest scores (bm25's order: lower is better;
/// ties by lower rowid), so that one statement counts a query's matches and ranks them.
///
/// A statement stepping through every scored row cost a step and a Swift row per match (总公司
/// at 1 GB, 1,406 matches: a first page 1.54 → 1.29 ms with the aggregate). The aggregate runs
/// inside the statement's own loop and keeps only the best `k` in a heap. A NULL score (past a
/// rank function's cap) puts the rowid in the list and not in the ranking.
///
/// ```swift
/// let sql = ScoredRowList.select(score: TermFrequencyRank.sql(lengths: nil))
/// let rows = try ScoredRowList.fetch(db.cachedStatement(sql: sql), arguments: [100, match])
/// rows.best  // the 100 best (rowid, score), best first
/// rows.ids   // every rowid, in the order read
/// ```
///
/// Registered on every connection of an index (see ``IndexDatabase``).
enum ScoredRowList {
    static let name = "baogao_best"

    /// The statement reading `score` (an FTS5 rank function's call) for every row of
    /// `passages_fts MATCH ?` and `condition` (the first `?` rows when `limited`, its last
    /// argument), into the aggregate; its first argument is `k`. FTS5 refuses its functions
    /// as an aggregate's arguments: the rows come from a subquery that a `LIMIT` keeps apart
    /// (a co-routine inside the statement).
    static func select(score: String, where condition: String = "", limited: Bool = false) -> String {
        """
        SELECT \(name)(id, score, ?) FROM (
            SELECT rowid AS id, \(score) AS score FROM passages_fts WHERE passages_fts MATCH ? \(condition) \
        LIMIT \(limited ? "?" : "-1"))
        """
    }

    /// What a statement's aggregate returns.
    struct Rows: Sendable {
        /// The best scored rows, best first.
        var best: [(id: Int64, rank: Double)] = []
        /// How many rows had a score.
        var scored = 0
        /// Every rowid, in the order read.
        var ids = RowIDs()

        /// `self` and `other` (rows of another range) as one: the best `k` of both, their ids
        /// after these.
        mutating func join(_ other: Rows, keeping k: Int) {
            best = Array((best + other.best).sorted(by: ScoredRowList.isBetter).prefix(k))
            scored += other.scored
            ids.append(contentsOf: other.ids)
        }
    }

    /// Lower score first, then lower rowid: the order of every ranking here.
    static func isBetter(_ a: (id: Int64, rank: Double), _ b: (id: Int64, rank: Double)) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.id < b.id
    }

    static func register(_ db: Database) {
        _ = sqlite3_create_function_v2(db.sqliteConnection, name, 3, SQLITE_UTF8, nil, nil,
                                       scoredListStep, scoredListFinal, nil)
    }

    /// The rows the statement's single row holds; none for no row or a NULL.
    static func fetch(_ statement: Statement, arguments: StatementArguments) throws -> Rows {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try rows.next() else { return Rows() }
        return try row.withUnsafeData(atIndex: 0) { data in
            try data.map { try $0.withUnsafeBytes { try decode($0) } } ?? Rows()
        }
    }

    /// The header: how many best rows follow, how many rows were scored.
    private static let headerSize = 16
    private static let entrySize = 16

    /// Decodes the aggregate's blob: the header, the best rows (rowid, score bits), then the
    /// rowids as ``RowIDList`` encodes them.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Rows {
        guard bytes.count >= headerSize else { throw BaogaoError("a scored row list of \(bytes.count) bytes") }
        let count = Int(bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let scored = Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let listStart = headerSize + count * entrySize
        guard listStart <= bytes.count else { throw BaogaoError("a scored row list of \(bytes.count) bytes holding \(count) rows") }
        var rows = Rows(scored: scored)
        rows.best.reserveCapacity(count)
        for n in 0..<count {
            let at = headerSize + n * entrySize
            rows.best.append((bytes.loadUnaligned(fromByteOffset: at, as: Int64.self),
                              Double(bitPattern: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))))
        }
        rows.best.sort(by: isBetter)
        rows.ids = RowIDs(encoded: UnsafeRawBufferPointer(rebasing: bytes[listStart...]))
        return rows
    }

    /// The aggregate's state, in memory SQLite allocates zeroed.
    struct State {
        var list = RowIDList.Buffer()
        /// A max-heap of the best rows so far: the worst of them on top.
        var heap: UnsafeMutablePointer<(id: Int64, rank: Double)>?
        var count = 0
        var k = 0
        var scored = 0
        var failed = false

        /// Adds a row; false when memory ran out.
        mutating func add(_ id: Int64, rank: Double?, k wanted: Int) -> Bool {
            guard list.append(id) else { return false }
            guard let rank else { return true }
            scored += 1
            guard wanted > 0 else { return true }
            if heap == nil {
                k = wanted
                guard let memory = malloc(k * MemoryLayout<(id: Int64, rank: Double)>.stride) else { return false }
                heap = memory.assumingMemoryBound(to: (id: Int64, rank: Double).self)
            }
            let heap = heap!
            let row = (id: id, rank: rank)
            if count < k {
                heap[count] = row
                count += 1
                var i = count - 1
                while i > 0, ScoredRowList.isBetter(heap[(i - 1) / 2], heap[i]) {
                    heap.swapAt((i - 1) / 2, i)
                    i = (i - 1) / 2
                }
            } else if ScoredRowList.isBetter(row, heap[0]) {
                heap[0] = row
                var i = 0
                while true {
                    var worst = i
                    let left = 2 * i + 1, right = left + 1
                    if left < count, ScoredRowList.isBetter(heap[worst], heap[left]) { worst = left }
                    if right < count, ScoredRowList.isBetter(heap[worst], heap[right]) { worst = right }
                    if worst == i { break }
                    heap.swapAt(worst, i)
                    i = worst
                }
            }
            return true
        }
    }
}

private extension UnsafeMutablePointer {
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}

private nonisolated(unsafe) let scoredListStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, _, values in
    guard let state = aggregateState(context, allocate: true, as: ScoredRowList.State.self) else { return sqlite3_result_error_nomem(context) }
    guard !state.pointee.failed else { return }
    let rank = sqlite3_value_type(values![1]) == SQLITE_NULL ? nil : sqlite3_value_double(values![1])
    let k = Int(max(0, min(1_000_000, sqlite3_value_int64(values![2]))))
    if !state.pointee.add(sqlite3_value_int64(values![0]), rank: rank, k: k) {
        state.pointee.failed = true
        sqlite3_result_error_nomem(context)
    }
}

private nonisolated(unsafe) let scoredListFinal: @convention(c) (OpaquePointer?) -> Void = { context in
    guard let state = aggregateState(context, allocate: false, as: ScoredRowList.State.self) else { return sqlite3_result_null(context) }
    defer {
        free(state.pointee.list.bytes)
        free(state.pointee.heap)
    }
    guard !state.pointee.failed else { return sqlite3_result_error_nomem(context) }
    let s = state.pointee
    let size = 16 + s.count * 16 + s.list.count
    guard let out = malloc(max(1, size)) else { return sqlite3_result_error_nomem(context) }
    out.storeBytes(of: UInt64(s.count), toByteOffset: 0, as: UInt64.self)
    out.storeBytes(of: UInt64(s.scored), toByteOffset: 8, as: UInt64.self)
    for n in 0..<s.count {
        out.storeBytes(of: s.heap![n].id, toByteOffset: 16 + n * 16, as: Int64.self)
        out.storeBytes(of: s.heap![n].rank.bitPattern, toByteOffset: 24 + n * 16, as: UInt64.self)
    }
    if let bytes = s.list.bytes { (out + 16 + s.count * 16).copyMemory(from: bytes, byteCount: s.list.count) }
    // SQLite frees the buffer when it is done with the value.
    sqlite3_result_blob64(context, out, sqlite3_uint64(size)) { free($0) }
}
