import Foundation
import GRDB
@testable import BaogaoKit

/// What an index holds, in a form two indexes can be compared by: ids left out, rows sorted.
struct IndexSnapshot: Equatable {
    struct Report: Hashable {
        var path: String, unit: String?, year: Int?, title: String?
        var unitSource: String?, yearSource: String?, titleSource: String?
        var passages: Int, encoding: String
    }

    struct Passage: Hashable, Comparable {
        var path: String, line: Int, text: String, trail: [String]
        static func < (a: Passage, b: Passage) -> Bool { (a.path, a.line) < (b.path, b.line) }
    }

    var files: [String]
    var reports: [Report]
    var passages: [Passage]

    init(_ url: URL) throws {
        let index = try IndexDatabase.open(at: url)
        (files, reports, passages) = try index.read { db in
            let files = try String.fetchAll(db, sql: "SELECT path FROM files ORDER BY path")
            let reports = try Row.fetchAll(db, sql: "SELECT * FROM reports ORDER BY path").map {
                Report(path: $0["path"], unit: $0["unit"], year: $0["year"], title: $0["title"],
                       unitSource: $0["unit_source"], yearSource: $0["year_source"], titleSource: $0["title_source"],
                       passages: $0["passage_count"], encoding: $0["encoding"])
            }
            let hydrator = HitHydrator(db: db, plans: [])
            let passages = try Row.fetchAll(db, sql: """
                SELECT r.path, p.line, p.text, p.section_id FROM passages p JOIN reports r ON r.id = p.report_id
                """).map {
                Passage(path: $0["path"], line: $0["line"], text: $0["text"],
                        trail: try hydrator.trail(of: $0["section_id"]))
            }.sorted()
            return (files, reports, passages)
        }
    }

    /// The report with `path`.
    func report(_ path: String) -> Report? { reports.first { $0.path == path } }
}

/// Everything that would make an index inconsistent: rows pointing nowhere, a passage count
/// that lies, an FTS index that disagrees with its content table.
func consistencyProblems(_ url: URL) throws -> [String] {
    let index = try IndexDatabase.open(at: url)
    return try index.writeWithoutTransaction { db in
        var problems: [String] = []
        let checks = [
            ("passages without report", "SELECT count(*) FROM passages WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("sections without report", "SELECT count(*) FROM sections WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("passages with a foreign section", """
                SELECT count(*) FROM passages p JOIN sections s ON s.id = p.section_id WHERE s.report_id != p.report_id
                """),
            ("reports without file", "SELECT count(*) FROM reports WHERE file_id NOT IN (SELECT id FROM files)"),
            ("reports whose passage_count lies", """
                SELECT count(*) FROM reports r WHERE passage_count != (SELECT count(*) FROM passages WHERE report_id = r.id)
                """),
            ("duplicate report paths", "SELECT count(*) - count(DISTINCT path) FROM reports"),
        ]
        for (name, sql) in checks {
            let n = try Int.fetchOne(db, sql: sql) ?? 0
            if n != 0 { problems.append("\(n) \(name)") }
        }
        do {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)")
        } catch {
            problems.append("FTS integrity check failed: \(error)")
        }
        return problems
    }
}

/// "path:line" of every hit of `query`.
func hits(_ query: String, in url: URL) throws -> Set<String> {
    let results = try Searcher(index: try IndexDatabase.open(at: url)).search(try SearchQuery(parsing: query), limit: nil)
    return Set(results.hits.map { "\($0.path):\($0.line)" })
}
