import Foundation
import GRDB

/// One index file: a SQLite database in WAL mode with the reports, sections and passages of
/// one folder, and an FTS5 table over the passages.
///
/// ```swift
/// let index = try IndexDatabase.open(at: URL(filePath: "index/baogao.sqlite"))
/// let hits = try Searcher(index: index).search(try SearchQuery(parsing: "万人助万企"))
/// ```
public final class IndexDatabase: Sendable {
    /// Where the index file is.
    public let url: URL
    /// A pool of connections; a read-only queue for a single search connection or an index on
    /// a read-only file system.
    let pool: any DatabaseWriter
    /// Connections for the second half of a long walk, opened when one is first read.
    let secondReader: SecondReader
    /// Every passage's length in memory, once ``keepPassageLengths()`` turned it on.
    let passageLengths = PassageLengths.Keeper()

    private init(url: URL, pool: any DatabaseWriter) {
        self.url = url
        self.pool = pool
        secondReader = SecondReader(url: url)
    }

    /// The connections an index opened for searching keeps.
    public enum Connections: Sendable {
        /// Concurrent readers beside the writer's connection: for a server.
        case pool
        /// One read-only connection, cheapest to open and to close (no writer connection, no
        /// checkpoint when it closes): for a command that searches once and exits.
        case single
    }

    /// Opens an existing index for searching.
    ///
    /// Fails with a clear message when the file is missing, is not a Baogao index, or was
    /// built by another version (run `baogao index --rebuild`).
    public static func open(at url: URL, connections: Connections = .pool) throws(BaogaoError) -> IndexDatabase {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BaogaoError("no index at \(url.path): run `baogao index FOLDER --index \(url.path)` first")
        }
        var index: IndexDatabase
        var state: State
        do {
            index = try connect(url, connections: connections)
            state = try index.state()
        } catch where connections == .single {
            // A read-only connection cannot recover the write-ahead log of a writer that was
            // killed (nor create a missing -shm file); a pool's writer connection can.
            index = try connect(url, connections: .pool)
            state = try index.state()
        }
        switch state {
        case .current: return index
        case .empty:
            throw BaogaoError("\(url.path) is an empty index: run `baogao index FOLDER --index \(url.path)`")
        case .foreign:
            throw BaogaoError("\(url.path) is not a Baogao index")
        case .damaged:
            throw BaogaoError("\(url.path) is damaged: run `baogao index --rebuild`")
        case .outdated(let why):
            throw BaogaoError("\(url.path) was built by another version of Baogao (\(why)): run `baogao index --rebuild`")
        }
    }

    /// Opens an index for writing, creating it when missing. The caller holds the
    /// ``WriterLock``. Returns why the index must be built from scratch (another version, or
    /// `rebuild`), whether the caller empties it itself, in the transaction that fills it
    /// again, so that readers, a killed run or a full disk leave the old index whole, and
    /// whether an index of this version was given its headings' index (``HeadingIndex``).
    ///
    /// A file that is not a Baogao index is never touched. Only a file too damaged to empty
    /// (or whose old FTS table cannot be dropped) is deleted and created again first.
    static func openForWriting(at url: URL, rebuild: Bool) throws(BaogaoError)
        -> (index: IndexDatabase, rebuiltBecause: String?, recreate: Bool, filledHeadings: Bool) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw BaogaoError("cannot create the folder for \(url.path): \(error.localizedDescription)")
        }
        guard fm.fileExists(atPath: url.path) else { return (try connect(url).created(), nil, false, false) }
        let existing = try connect(url)
        var reason: String
        switch try existing.state() {
        case .current where !rebuild:
            let filled = try existing.write { db in
                try IndexSchema.addReportIndexes(db)
                return try HeadingIndex.ensure(db)
            }
            return (existing, nil, false, filled)
        case .empty:
            return (try existing.created(), rebuild ? "--rebuild" : nil, false, false)
        case .foreign:
            throw BaogaoError("\(url.path) exists and is not a Baogao index; refusing to overwrite it")
        case .outdated(let why):
            reason = why
        case .damaged where rebuild:
            reason = "--rebuild of a damaged index"
        case .damaged:
            throw BaogaoError("\(url.path) is damaged: run `baogao index --rebuild`")
        case .current:
            reason = "--rebuild"
        }
        do {
            try existing.tryEmptying()
            return (existing, reason, true, false)
        } catch let error as DatabaseError where ![.SQLITE_CORRUPT, .SQLITE_ERROR].contains(error.resultCode) {
            // A full disk, a read-only file, another writer: the index stays as it was.
            throw describe(error, url: url)
        } catch {
            // Pages too damaged to drop, or an old FTS table whose tokenizer is gone.
        }
        try existing.close()
        for suffix in ["", "-wal", "-shm"] {
            try? fm.removeItem(atPath: url.path + suffix)
        }
        return (try connect(url).created(), reason, false, false)
    }

    enum State: Equatable {
        case empty, foreign, current, damaged
        case outdated(String)
    }

    /// What the file holds: nothing yet, another program's tables, this version's index, an
    /// index of another version, or pages SQLite finds damaged.
    func state() throws(BaogaoError) -> State {
        do {
            return try pool.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.isEmpty { return .empty }
                guard tables.contains("meta"), let schema = try IndexSchema.meta(db, "schema_version") else {
                    return .foreign
                }
                if schema != String(IndexSchema.schemaVersion) {
                    return .outdated("schema version \(schema), expected \(IndexSchema.schemaVersion)")
                }
                let tokenizer = try IndexSchema.meta(db, "tokenizer_version") ?? "none"
                if tokenizer != IndexSchema.tokenizerVersion {
                    return .outdated("tokenizer \(tokenizer), expected \(IndexSchema.tokenizerVersion)")
                }
                return .current
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return .damaged
        } catch {
            throw Self.describe(error, url: url)
        }
    }

    /// Drops every table in a transaction it rolls back: whether the file can be emptied
    /// in place.
    private func tryEmptying() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                try IndexSchema.dropAll(db)
                return .rollback
            }
        }
    }

    private func created() throws(BaogaoError) -> IndexDatabase {
        try write { db in try IndexSchema.create(db) }
        return self
    }

    /// Closes its connections.
    func close() throws(BaogaoError) {
        do { try pool.close() } catch { throw BaogaoError("cannot close \(url.path): \(error)") }
    }

    static func connect(_ url: URL, connections: Connections = .pool) throws(BaogaoError) -> IndexDatabase {
        SQLiteSetup.apply()
        var config = Configuration()
        config.prepareDatabase { db in
            db.add(tokenizer: BaogaoFTS5Tokenizer.self)
            db.add(function: SQLFunctions.contains)
            TermFrequencyRank.register(db)
            GivenIDFRank.register(db)
            RowFilter.register(db)
            RowIDList.register(db)
            ScoredRowList.register(db)
            try IndexTuning.apply(to: db)
        }
        config.busyMode = .timeout(5)
        do {
            if connections == .single {
                config.readonly = true
                return IndexDatabase(url: url, pool: try DatabaseQueue(path: url.path, configuration: config))
            }
            let pool = try DatabasePool(path: url.path, configuration: config)
            return IndexDatabase(url: url, pool: pool)
        } catch {
            guard isOnReadOnlyFileSystem(url) else { throw describe(error, url: url) }
            // SQLite cannot create the -shm file a WAL index needs, but nobody can change the
            // file either: read it as immutable.
            config.readonly = true
            do {
                let queue = try DatabaseQueue(path: immutableURI(url), configuration: config)
                return IndexDatabase(url: url, pool: queue)
            } catch {
                throw describe(error, url: url)
            }
        }
    }

    /// Whether the folder holding `url` is mounted read-only.
    static func isOnReadOnlyFileSystem(_ url: URL) -> Bool {
        var info = statvfs()
        guard statvfs(url.deletingLastPathComponent().path, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// `file:PATH?immutable=1`, the path percent-encoded.
    private static func immutableURI(_ url: URL) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let path = url.standardizedFileURL.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? url.path
        return "file:\(path)?immutable=1"
    }

    /// The folder this index was built from.
    public func root() throws(BaogaoError) -> URL? {
        try read { db in try IndexSchema.meta(db, "root").map { URL(fileURLWithPath: $0) } }
    }

    /// Tells the index that a read of it is waiting to start (`true`: a server's queue), or no
    /// longer waiting (`false`, before it starts or when it is dropped). While reads wait, no
    /// query halves its walk onto a second core (``SecondReader``): the waiting reads need it.
    public func readQueued(_ waiting: Bool) {
        secondReader.queue(waiting)
    }

    /// Keeps every passage's length in memory from now on (5 MB at 1 GB, 48 MB at 10 GB), for a
    /// process that searches many times: ranking a match then reads an array, not a row
    /// (``PassageLengths``). They are read now when `waiting` (0.2 s at 1 GB), else in the
    /// background while queries go on without them. After another process changes the index,
    /// the first query that sees the change starts reading them again in the background.
    public func keepPassageLengths(waiting: Bool = false) throws(BaogaoError) {
        if waiting {
            passageLengths.keep(try read { try PassageLengths.read($0) })
        } else {
            passageLengths.keep(nil)
            _ = try read { try keptLengths($0) }
        }
    }

    /// Whether ``keepPassageLengths(waiting:)`` was called.
    public var keepsPassageLengths: Bool { passageLengths.isOn }

    /// The kept lengths of the state `db` sees, or nil (none kept, or kept of another state).
    func keptLengths(_ db: Database) throws -> PassageLengths? {
        guard passageLengths.isOn else { return nil }
        return passageLengths.copy(for: try ReportRanges.storedID(db)) { [weak self] in
            try? self?.read { try PassageLengths.read($0) }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(BaogaoError) -> T {
        do { return try secondReader.reading { try pool.read(body) } } catch let error as BaogaoError { throw error } catch let error as QueryError {
            throw BaogaoError(error.message, isQueryError: true)
        } catch {
            throw Self.describe(error, url: url)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(BaogaoError) -> T {
        do { return try pool.write(body) } catch let error as BaogaoError { throw error } catch {
            throw Self.describe(error, url: url)
        }
    }

    /// Runs `body` on the writer connection without opening a transaction: the caller opens
    /// and commits its own (the indexer groups several files into one).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws(BaogaoError) -> T {
        do { return try pool.writeWithoutTransaction(body) } catch let error as BaogaoError { throw error } catch {
            throw Self.describe(error, url: url)
        }
    }

    /// A message for a database error, naming the file: never raw SQLite text alone.
    static func describe(_ error: any Error, url: URL) -> BaogaoError {
        guard let error = error as? DatabaseError else {
            return BaogaoError("\(url.path): \(error)")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return BaogaoError("\(url.path) is not a Baogao index (not a database file)")
        case .SQLITE_CORRUPT:
            return BaogaoError("\(url.path) is damaged: run `baogao index --rebuild`")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return BaogaoError("\(url.path) is busy: another process is updating it; try again")
        case .SQLITE_READONLY:
            return BaogaoError("\(url.path) is read-only: cannot update the index")
        case .SQLITE_FULL:
            return BaogaoError("the disk holding \(url.path) is full: the index was left as it was before this run")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return BaogaoError("cannot open \(url.path): permission denied or missing folder")
        case .SQLITE_IOERR:
            return BaogaoError("cannot read or write \(url.path): input/output error")
        default:
            return BaogaoError("\(url.path): index error (\(error.message ?? "code \(error.resultCode.rawValue)"))")
        }
    }
}
