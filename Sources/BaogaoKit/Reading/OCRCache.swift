import Foundation
import GRDB

/// OCR'd text kept by content, in a small SQLite file beside the index (`INDEX-ocr`), so that
/// an unchanged scan is never read by OCR twice: not on the next `baogao index`, not after
/// `--rebuild` (which empties the index, not this file), not when the file is renamed or moved.
///
/// A key names the bytes (their hash and size), the page, and how it was read (Tesseract's
/// version, languages, resolution): another Tesseract or another setting reads the page again.
/// The value is the page's layout text (``OCRLayout``), before paragraphs are joined, so that a
/// change in joining needs no new OCR. Every page is committed as soon as it is read: a run cut
/// short keeps what it paid for.
///
/// ```swift
/// let cache = OCRCache.open(forIndex: URL(filePath: "index/baogao.sqlite"))
/// cache?.store("一、总体情况\n", for: key)
/// cache?.text(for: key)   // "一、总体情况\n"
/// ```
final class OCRCache: Sendable {
    private let queue: DatabaseQueue

    private init(queue: DatabaseQueue) { self.queue = queue }

    /// Where the cache of an index lives.
    static func url(forIndex index: URL) -> URL {
        URL(fileURLWithPath: index.path + "-ocr")
    }

    /// Opens (or creates) the cache of an index; `nil` when it cannot be written (a read-only
    /// disk): OCR then runs without a cache.
    static func open(forIndex index: URL) -> OCRCache? {
        do {
            let queue = try DatabaseQueue(path: url(forIndex: index).path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS pages (
                        key TEXT PRIMARY KEY,
                        text TEXT NOT NULL,
                        seconds REAL NOT NULL
                    )
                    """)
            }
            return OCRCache(queue: queue)
        } catch {
            return nil
        }
    }

    /// The text stored for `key`, if any.
    func text(for key: String) -> String? {
        try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT text FROM pages WHERE key = ?", arguments: [key])
        }
    }

    /// Stores the text of `key`, read in `seconds`. A failure to store costs only a later OCR.
    func store(_ text: String, for key: String, seconds: Double = 0) {
        try? queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO pages(key, text, seconds) VALUES (?, ?, ?)",
                           arguments: [key, text, seconds])
        }
    }

    /// How many pages the cache holds.
    func count() -> Int {
        (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pages") ?? 0 }) ?? 0
    }
}
