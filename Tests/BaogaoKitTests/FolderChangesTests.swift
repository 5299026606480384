import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The files found against those the index holds, walked side by side in byte order.
struct FolderChangesTests {
    /// A row of the table: files found (`path:size`), files held (`path:size`), and what the run
    /// must do: paths to read (`+` new, `~` changed), paths gone, and how many are unchanged.
    struct Case: Sendable, CustomTestStringConvertible {
        var found: [String]
        var held: [String]
        var read: [String]
        var gone: [String]
        var unchanged: Int
        var testDescription: String { "found \(found), held \(held)" }
    }

    static let cases: [Case] = [
        Case(found: [], held: [], read: [], gone: [], unchanged: 0),
        Case(found: ["a.txt:1", "b.txt:2"], held: [], read: ["+a.txt", "+b.txt"], gone: [], unchanged: 0),
        Case(found: [], held: ["a.txt:1", "b.txt:2"], read: [], gone: ["a.txt", "b.txt"], unchanged: 0),
        Case(found: ["a.txt:1", "b.txt:2"], held: ["a.txt:1", "b.txt:2"], read: [], gone: [], unchanged: 2),
        // Changed, new and gone, interleaved: before the first, between, after the last.
        Case(found: ["b.txt:2", "c.txt:9", "e.txt:5"], held: ["a.txt:1", "b.txt:2", "c.txt:3", "d.txt:4"],
             read: ["~c.txt", "+e.txt"], gone: ["a.txt", "d.txt"], unchanged: 1),
        // Chinese names, in UTF-8 byte order: 乡 E4 B9 A1, 县 E5 8E BF, 市 E5 B8 82.
        Case(found: ["乡村振兴.txt:1", "县教育局/2023.txt:2", "市政府/报告.md:3"],
             held: ["乡村振兴.txt:1", "县教育局/2022.txt:7", "市政府/报告.md:4"],
             read: ["+县教育局/2023.txt", "~市政府/报告.md"], gone: ["县教育局/2022.txt"], unchanged: 1),
        // A space sorts before "/": a file "a b.txt" comes between folder a's files and after "a".
        Case(found: ["a b.txt:1", "a/b.txt:2", "a/c.txt:3"], held: ["a b.txt:1", "a/b.txt:2", "a/c.txt:3"],
             read: [], gone: [], unchanged: 3),
        // Canonically equivalent names are two files on disk and two rows in the index.
        Case(found: ["caf\u{E9}.txt:1", "cafe\u{301}.txt:2"], held: ["caf\u{E9}.txt:1"],
             read: ["+cafe\u{301}.txt"], gone: [], unchanged: 1),
        Case(found: ["cafe\u{301}.txt:2"], held: ["caf\u{E9}.txt:1"],
             read: ["+cafe\u{301}.txt"], gone: ["caf\u{E9}.txt"], unchanged: 0),
    ]

    @Test(arguments: cases)
    func comparesSideBySide(_ c: Case) {
        let base = URL(fileURLWithPath: "/reports")
        func parse(_ entry: String) -> (path: String, size: Int64) {
            let colon = entry.lastIndex(of: ":")!
            return (String(entry[..<colon]), Int64(entry[entry.index(after: colon)...])!)
        }
        let found = c.found.map(parse).map { FoundFile(base: base, relativePath: $0.path, size: $0.size, modified: 1) }
            .sorted { FolderScanner.precedes($0.relativePath, $1.relativePath) }
        var held = c.held.map(parse).enumerated()
            .map { (path: $0.element.path, file: Indexer.KnownFile(id: Int64($0.offset + 1), size: $0.element.size, modified: 1)) }
            .sorted { FolderScanner.precedes($0.path, $1.path) }
            .makeIterator()
        let ids = Dictionary(c.held.map(parse).enumerated().map { ($0.element.path.utf8.map { $0 }, Int64($0.offset + 1)) },
                             uniquingKeysWith: { a, _ in a })

        let changes = FolderChanges(found: FoundFiles(found), force: nil) { held.next() }

        #expect(changes.toRead.indices.map { (changes.known[$0] == nil ? "+" : "~") + changes.toRead[$0].relativePath }
                    .map { Array($0.utf8) } == c.read.map { Array($0.utf8) })
        #expect(changes.gone.map(\.file.id) == c.gone.map { ids[Array($0.utf8)]! })
        #expect(changes.gone.map { Array($0.path.utf8) } == c.gone.map { Array($0.utf8) })
        #expect(changes.unchanged == c.unchanged)
        #expect(changes.knownCount == c.held.count)
        for (i, known) in changes.known {
            #expect(known.id == ids[Array(changes.toRead[i].relativePath.utf8)], "\(changes.toRead[i].relativePath)")
        }
    }

    @Test func forcedFilesAreReadEvenWhenUnchanged() {
        let base = URL(fileURLWithPath: "/reports")
        let found = ["a.csv", "b.txt"].map { FoundFile(base: base, relativePath: $0, size: 1, modified: 1) }
        var held = [("a.csv", Indexer.KnownFile(id: 1, size: 1, modified: 1)),
                    ("b.txt", Indexer.KnownFile(id: 2, size: 1, modified: 1))].makeIterator()
        let changes = FolderChanges(found: FoundFiles(found), force: { $0.relativePath.hasSuffix(".csv") }) { held.next() }
        #expect(changes.toRead.map(\.relativePath) == ["a.csv"])
        #expect(changes.known[0]?.id == 1)
        #expect(changes.unchanged == 1)
    }

    /// A first run reads every file found: the list to read is the scan's own, not a copy
    /// (half a million files' entries at 10 GB).
    @Test func everyFileToReadSharesTheScansList() {
        let base = URL(fileURLWithPath: "/reports")
        let found = FoundFiles((0..<1000).map { FoundFile(base: base, relativePath: String(format: "县%04d.txt", $0), size: 1, modified: 1) })
        let first = FolderChanges(found: found, force: { _ in false }) { nil }
        #expect(first.toRead.count == 1000)
        #expect(first.toRead.sharesPaths(with: found))
        var held = [("县0500.txt", Indexer.KnownFile(id: 1, size: 1, modified: 1))].makeIterator()
        let later = FolderChanges(found: found, force: { _ in false }) { held.next() }
        #expect(later.toRead.count == 999 && later.unchanged == 1 && later.known.isEmpty)
        #expect(!later.toRead.sharesPaths(with: found) && later.toRead.map(\.relativePath) == found.map(\.relativePath).filter { $0 != "县0500.txt" })
    }

    /// The scan lists files in the order SQLite's BINARY collation lists `files.path`.
    @Test(arguments: [("a b.txt", "a/b.txt"), ("cafe\u{301}", "caf\u{E9}"), ("Z.txt", "a.txt"),
                      ("乡.txt", "县.txt"), ("a", "a.txt"), ("x.txt", "县.txt")])
    func byteOrderIsSQLitesOrder(_ pair: (String, String)) throws {
        #expect(FolderScanner.precedes(pair.0, pair.1))
        #expect(!FolderScanner.precedes(pair.1, pair.0))
        let sqlite = try DatabaseQueue()
        let first = try sqlite.read { db in
            try String.fetchOne(db, sql: "SELECT p FROM (SELECT ? AS p UNION ALL SELECT ?) ORDER BY p LIMIT 1",
                                arguments: [pair.1, pair.0])
        }
        #expect(first.map { Array($0.utf8) } == Array(pair.0.utf8))
    }
}
