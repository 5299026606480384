import BaogaoKit
import Hummingbird

/// The JSON API under `/api/`: search, units, reports, report, section. Read-only; every
/// answer is JSON, errors `{"error": message}` with a 4xx status.
///
/// ```text
/// GET /api/search?q=乡村振兴&limit=5&offset=0
/// GET /api/units?q=乡村振兴&by=year&limit=20
/// GET /api/reports?q=year:2021&limit=100&offset=200
/// GET /api/report?path=市XX办_2021_机关党建工作总结.txt
/// GET /api/section?path=市XX办_2021_机关党建工作总结.txt&line=31&q=乡村振兴
/// ```
struct APIRoutes: Sendable {
    let reader: IndexReader
    let settings: ServerSettings

    func add(to router: Router<AppRequestContext>) {
        let api = router.group("api")
        api.get("search") { request, _ in try await self.search(request) }
        api.get("units") { request, _ in try await self.units(request) }
        api.get("reports") { request, _ in try await self.reports(request) }
        api.get("report") { request, _ in try await self.report(request) }
        api.get("section") { request, _ in try await self.section(request) }
    }

    func search(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let (text, query) = try QueryInput.required(parameters, maxCharacters: settings.maxQueryCharacters,
                                                     example: "/api/search?q=乡村振兴")
        let limit = try parameters.int("limit", default: 10, in: 1...1000)
        let offset = try parameters.int("offset", default: 0, in: 0...1_000_000)
        let results = try await reader.run { try Searcher(index: $0).search(query, limit: limit, offset: offset) }
        return try Responses.json(SearchResponse(query: text, offset: offset, limit: limit, totalHits: results.totalHits,
                                                 totalReports: results.totalReports, hits: results.hits))
    }

    func units(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let (text, query) = try QueryInput.required(parameters, maxCharacters: settings.maxQueryCharacters,
                                                     example: "/api/units?q=乡村振兴&by=unit")
        let by = try parameters.text("by").map { name throws(RequestError) -> Grouping in
            guard let grouping = Grouping(rawValue: name) else {
                throw RequestError(.badRequest, "by must be unit, year or report")
            }
            return grouping
        } ?? .unit
        // A page of rows, at most `maxRowsPerAnswer`: only a page's rows have their best hit
        // read (发展 at 1 GB: 695 rows, 645 KB; by report, one row per matching report).
        let (limit, offset) = try QueryInput.page(parameters, maxLimit: settings.maxRowsPerAnswer, maxOffset: 100_000_000)
        let aggregation = try await reader.run { index throws -> Aggregation in
            try Aggregator(index: index).aggregate(query, by: by, limit: limit, offset: offset)
        }
        return try Responses.json(UnitsResponse(query: text, by: by, totalHits: aggregation.totalHits,
                                                totalReports: aggregation.totalReports, totalRows: aggregation.totalRows,
                                                offset: offset, limit: limit, rows: aggregation.rows))
    }

    func reports(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let query = try QueryInput.optional(parameters, maxCharacters: settings.maxQueryCharacters)
        // A page of reports, at most `maxRowsPerAnswer` (12.8 MB of JSON for all 54,544 of 1 GB).
        let (limit, offset) = try QueryInput.page(parameters, maxLimit: settings.maxRowsPerAnswer, maxOffset: 100_000_000)
        let (total, reports) = try await reader.run { index throws -> (Int, [ReportInfo]) in
            try ReportCatalog(index: index).reports(matching: query?.1, from: offset, count: limit)
        }
        return try Responses.json(ReportsResponse(query: query?.0, total: total, offset: offset, limit: limit, reports: reports))
    }

    func report(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let path = try QueryInput.path(parameters)
        let query = try QueryInput.optional(parameters, maxCharacters: settings.maxQueryCharacters)
        let document = try await reader.run { index throws -> ReportDocument in
            let catalog = ReportCatalog(index: index)
            guard try catalog.report(exactPath: path) != nil else { throw QueryInput.notIndexed(path) }
            return try catalog.document(path: path, query: query?.1)
        }
        return try Responses.json(document)
    }

    func section(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let path = try QueryInput.path(parameters)
        guard parameters.text("line") != nil else {
            throw RequestError(.badRequest, "line is required: the line of a hit, e.g. &line=31")
        }
        let line = try parameters.int("line", default: 1, in: 1...Int(Int32.max))
        let query = try QueryInput.optional(parameters, maxCharacters: settings.maxQueryCharacters)
        let view = try await reader.run { index throws -> SectionView in
            let catalog = ReportCatalog(index: index)
            guard try catalog.report(exactPath: path) != nil else { throw QueryInput.notIndexed(path) }
            guard let span = try catalog.lineSpan(exactPath: path), span.contains(line) else {
                throw RequestError(.notFound, "“\(path)” has no line \(line)")
            }
            return try catalog.section(path: path, line: line, query: query?.1)
        }
        return try Responses.json(view)
    }
}
