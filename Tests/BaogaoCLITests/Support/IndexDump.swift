import Foundation
import GRDB
@testable import BaogaoKit

/// Everything an index holds that a user can see, in a form two indexes compare by: files,
/// reports, passages with their section trails, ids left out and rows sorted.
///
/// ```swift
/// #expect(try IndexDump(crashed) == IndexDump(clean))
/// ```
struct IndexDump: Equatable {
    var files: [String]
    var reports: [String]
    var passages: [String]

    init(_ url: URL) throws {
        let index = try IndexDatabase.open(at: url)
        (files, reports, passages) = try index.read { db in
            let files = try Row.fetchAll(db, sql: "SELECT path, size, mtime, hash FROM files ORDER BY path").map {
                "\($0["path"] as String) \($0["size"] as Int64) \($0["mtime"] as Double) \($0["hash"] as String)"
            }
            let reports = try Row.fetchAll(db, sql: """
                SELECT path, unit, year, title, encoding, passage_count FROM reports ORDER BY path
                """).map { row in
                row.databaseValues.map(\.description).joined(separator: " | ")
            }
            let hydrator = HitHydrator(db: db, plans: [])
            let passages = try Row.fetchAll(db, sql: """
                SELECT r.path, p.line, p.text, p.section_id FROM passages p JOIN reports r ON r.id = p.report_id
                ORDER BY r.path, p.line
                """).map { row in
                "\(row["path"] as String):\(row["line"] as Int) \(try hydrator.trail(of: row["section_id"]).joined(separator: " › ")) | \(row["text"] as String)"
            }
            return (files, reports, passages)
        }
    }
}

/// The hits of `query`, in rank order, as "path:line".
func rankedHits(_ query: String, in url: URL) throws -> [String] {
    let results = try Searcher(index: try IndexDatabase.open(at: url)).search(try SearchQuery(parsing: query), limit: nil)
    return results.hits.map { "\($0.path):\($0.line)" }
}
