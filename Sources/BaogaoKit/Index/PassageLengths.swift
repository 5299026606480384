import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Every passage's length in tokens as FTS5 stores it (`passages_fts_docsize`), held in memory
/// for ranking. bm25 and ``TermFrequencyRank`` take each match's length, which FTS5 reads with a
/// statement on `passages_fts_docsize` per match: about a microsecond each at 1 GB, 1.6 ms of
/// the 2.9 ms that scoring the 1,406 matches of 总公司 takes.
///
/// A process that searches many times (the server, the MCP server, the bench) keeps one copy
/// (``Keeper``, turned on by ``IndexDatabase/keepPassageLengths()``): 2 bytes a passage, read
/// in one scan of the table. A copy is of one state of the index, the one whose
/// ``ReportRanges`` id it was read under (every write of a passage removes that id in its own
/// transaction, and a run stores a new one at its end): a query uses it only when its read
/// sees the same id, and FTS5's own lookups otherwise, while the keeper reads the new state in
/// the background. A command that searches once never reads one.
///
/// ```swift
/// try index.keepPassageLengths()   // at a server's start
/// // a query whose read sees that state ranks with baogao_tf(passages_fts, 2000, token)
/// ```
final class PassageLengths: Sendable {
    /// The ``ReportRanges`` id of the state read.
    let id: String
    /// By passage id: ``unknown`` where FTS5 holds no length, or one too long for 16 bits.
    let lengths: [UInt16]
    /// What the rank functions are given to find this copy (``registered(_:)``): the smallest
    /// number from 1 no live copy holds, so that the statements written with it (each caches
    /// its own) stay few however often the lengths are read again. A query holds its copy while
    /// its statements run, so their token cannot pass to another copy meanwhile.
    let token: Int64

    static let unknown = UInt16.max

    init(id: String, lengths: [UInt16]) {
        self.id = id
        self.lengths = lengths
        token = Self.registry.withLock { copies in
            var token: Int64 = 1
            while let taken = copies[token], taken.copy != nil || taken.reserved { token += 1 }
            copies[token] = Weak(copy: nil, reserved: true)
            return token
        }
        Self.registry.withLock { $0[token] = Weak(copy: self) }
    }

    deinit {
        // Unless another copy took the token once this one could no longer be reached.
        Self.registry.withLock { copies in
            if let entry = copies[token], entry.copy == nil, !entry.reserved { copies[token] = nil }
        }
    }

    /// The length in tokens of passage `id`; nil when not known.
    @inline(__always)
    func length(of id: Int64) -> Int32? {
        guard id >= 0, id < lengths.count else { return nil }
        let value = lengths[Int(id)]
        return value == Self.unknown ? nil : Int32(value)
    }

    /// For a rank function: the length in tokens of the row `fts` is on, from `lengths` when
    /// they know it, else FTS5's lookup. Returns SQLite's result code.
    @inline(__always)
    static func rowLength(_ api: Fts5ExtensionApi, _ fts: OpaquePointer, _ lengths: PassageLengths?,
                          _ length: inout Int32) -> Int32 {
        if let known = lengths?.length(of: api.xRowid(fts)) {
            length = known
            return SQLITE_OK
        }
        return api.xColumnSize(fts, -1, &length)
    }

    /// Every passage's length, under the state `db` sees; nil when the index has no
    /// ``ReportRanges`` id (a copy could not tell its state from another).
    static func read(_ db: Database) throws -> PassageLengths? {
        guard let id = try ReportRanges.storedID(db),
              let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM passages_fts_docsize"),
              last >= 0, last < Int64(Int32.max) else { return nil }
        var lengths = [UInt16](repeating: unknown, count: Int(last) + 1)
        let statement = try db.makeStatement(sql: "SELECT id, sz FROM passages_fts_docsize")
        let raw = statement.sqliteStatement
        var code = sqlite3_step(raw)
        try lengths.withUnsafeMutableBufferPointer { lengths in
            while code == SQLITE_ROW {
                let row = sqlite3_column_int64(raw, 0)
                if row >= 0, row < lengths.count, let blob = sqlite3_column_blob(raw, 1),
                   let (value, _) = FTS5Totals.varint(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(raw, 1))), at: 0),
                   value < UInt64(unknown) {
                    lengths[Int(row)] = UInt16(value)
                }
                code = sqlite3_step(raw)
            }
            guard code == SQLITE_DONE else {
                throw DatabaseError.stepping(code, db)
            }
        }
        return PassageLengths(id: id, lengths: lengths)
    }

    /// The copy given `token`, while it is alive.
    static func registered(_ token: Int64) -> PassageLengths? {
        registry.withLock { $0[token]?.copy }
    }

    private struct Weak: Sendable {
        weak var copy: PassageLengths?
        /// Taken by a copy being made.
        var reserved = false
    }

    private static let registry = Mutex<[Int64: Weak]>([:])
}

extension PassageLengths {
    /// The one copy a process keeps of an index's lengths, once turned on: replaced in the
    /// background when a query sees another state of the index.
    final class Keeper: Sendable {
        private struct State {
            var on = false
            var copy: PassageLengths?
            /// The id a read in the background was started for, while it runs or after it gave nothing.
            var tried: String?
            var reading = false
        }

        private let state = Mutex(State())

        var isOn: Bool { state.withLock { $0.on } }

        /// Keeps `copy` (nil: none yet) and turns keeping on.
        func keep(_ copy: PassageLengths?) {
            state.withLock { $0.on = true; $0.copy = copy }
        }

        /// The copy for a read that sees the ranges id `id`, or nil. When the copy is of another
        /// state, it is dropped and `read` runs in the background for a new one (one read at a
        /// time, and once for an id that gave none).
        func copy(for id: String?, read: @escaping @Sendable () -> PassageLengths?) -> PassageLengths? {
            let (copy, start) = state.withLock { state -> (PassageLengths?, Bool) in
                guard state.on, let id else { return (nil, false) }
                if let copy = state.copy, copy.id == id { return (copy, false) }
                guard !state.reading, state.tried != id else { return (nil, false) }
                state.copy = nil
                state.reading = true
                state.tried = id
                return (nil, true)
            }
            if start {
                DispatchQueue.global(qos: .utility).async {
                    let fresh = read()
                    self.state.withLock { state in
                        state.reading = false
                        if let fresh { state.copy = fresh }
                    }
                }
            }
            return copy
        }
    }
}
