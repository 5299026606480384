import BaogaoKit

/// `GET /api/search`: the hits exactly as `search --json` prints them (paths relative to the
/// indexed folder), with the totals and the page asked for.
///
/// ```json
/// {"hits":[{"path":"…","line":31,…}],"limit":10,"offset":0,"query":"乡村振兴","totalHits":12,"totalReports":5}
/// ```
struct SearchResponse: Encodable, Sendable {
    var query: String
    var offset: Int
    var limit: Int
    var totalHits: Int
    var totalReports: Int
    var hits: [SearchHit]
}

/// `GET /api/units`: the rows of `units --json` for the grouping, the page `offset`, `limit`
/// asks for (`limit` at most, and by default, ``ServerSettings/maxRowsPerAnswer``), with the
/// totals; `totalRows` counts every row.
///
/// ```json
/// {"by":"unit","limit":10000,"offset":0,"query":"乡村振兴","rows":[{"unit":"市农业农村局","passages":3,…}],
///  "totalHits":5,"totalReports":3,"totalRows":2}
/// ```
struct UnitsResponse: Encodable, Sendable {
    var query: String
    var by: Grouping
    var totalHits: Int
    var totalReports: Int
    var totalRows: Int
    var offset: Int
    var limit: Int
    var rows: [AggregateRow]

    private enum CodingKeys: String, CodingKey { case query, by, totalHits, totalReports, totalRows, offset, limit, rows }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(by, forKey: .by)
        try c.encode(totalHits, forKey: .totalHits)
        try c.encode(totalReports, forKey: .totalReports)
        try c.encode(totalRows, forKey: .totalRows)
        try c.encode(offset, forKey: .offset)
        try c.encode(limit, forKey: .limit)
        try c.encode(rows, forKey: .rows)
    }
}

/// `GET /api/reports`: the indexed reports (those matching `q` when given), as `reports --json`,
/// the page `offset`, `limit` asks for (`limit` at most, and by default,
/// ``ServerSettings/maxRowsPerAnswer``); `total` counts them all.
///
/// ```json
/// {"limit":10000,"offset":0,"query":null,"reports":[{"path":"…","unit":"市XX办","year":2021,…}],"total":16}
/// ```
struct ReportsResponse: Encodable, Sendable {
    var query: String?
    var total: Int
    var offset: Int
    var limit: Int
    var reports: [ReportInfo]

    private enum CodingKeys: String, CodingKey { case query, total, offset, limit, reports }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(offset, forKey: .offset)
        try c.encode(limit, forKey: .limit)
        try c.encode(reports, forKey: .reports)
    }
}

/// Every error the server answers: `{"error": "…"}`.
struct ErrorResponse: Encodable, Sendable {
    var error: String
}
