import CSQLiteConfig

/// Settings of SQLite for the whole process, made once before the first connection opens.
///
/// SQLite counts the memory it allocates under a mutex shared by every connection of the
/// process: two connections reading one query's halves at once (``SecondReader``) spent a
/// third of their time waiting for each other on it, and took twice the CPU time of one. Nothing
/// here reads those counts.
///
/// `IndexDatabase` applies them before it opens a connection; a program that opens others
/// first (the bench's baselines) applies them at its start:
///
/// ```swift
/// SQLiteSetup.apply()
/// ```
public enum SQLiteSetup {
    /// SQLite's answer: SQLITE_OK, or SQLITE_MISUSE when a connection was opened before (the
    /// counts then stay on; nothing else changes).
    static let result: Int32 = csqlite_stop_memory_statistics()

    public static func apply() { _ = result }
}
