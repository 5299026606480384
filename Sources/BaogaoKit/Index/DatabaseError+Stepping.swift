import GRDB
import GRDBSQLite

extension DatabaseError {
    /// The error of a statement stepped through SQLite's own functions (rows read without a
    /// Swift value each), with the connection's message.
    ///
    /// ```swift
    /// guard code == SQLITE_DONE else { throw DatabaseError.stepping(code, db) }
    /// ```
    static func stepping(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
