import BaogaoKit
import Hummingbird

/// The pages: `/` (home, or results for `?q=…&page=…&chart=year|unit`) and the report view
/// `/report?path=…&line=…&q=…`. Server-rendered; the URL holds everything, so any page can be
/// shared or bookmarked.
///
/// ```text
/// GET /?q=万人助万企&page=2
/// GET /report?path=市XX办_2021_机关党建工作总结.txt&line=31&q=乡村振兴#L31
/// ```
struct PageRoutes: Sendable {
    let reader: IndexReader
    let settings: ServerSettings

    func add(to router: Router<AppRequestContext>) {
        router.get("/") { request, _ in try await self.searchPage(request) }
        router.get("report") { request, _ in try await self.reportPage(request) }
    }

    func searchPage(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        guard let text = parameters.text("q") else {
            let (summary, reports) = try await reader.run { index in
                let catalog = ReportCatalog(index: index)
                return (try catalog.summary(), try catalog.reports(from: 0, count: HomePage.maxReports))
            }
            return Responses.html(HomePage.render(summary: summary, reports: reports))
        }
        try QueryInput.checkLength(text, maxCharacters: settings.maxQueryCharacters)
        let page = try parameters.int("page", default: 1, in: 1...100_000)
        let chart: SearchPageData.Chart
        switch parameters.text("chart") {
        case nil: chart = .year
        case let name?:
            guard let kind = SearchPageData.Chart(rawValue: name) else {
                throw RequestError(.badRequest, "chart must be year or unit")
            }
            chart = kind
        }
        let query: SearchQuery
        do {
            query = try SearchQuery(parsing: text)
        } catch {
            return Responses.html(SearchPage.invalid(text, message: error.message, column: error.column), status: .badRequest)
        }
        let pageSize = settings.pageSize
        do {
            let data = try await reader.run { index throws -> SearchPageData in
                // Hits and counts from one walk of the matches.
                let counted = try Searcher(index: index).search(query, limit: pageSize, offset: (page - 1) * pageSize,
                                                                countedBy: [.unit, .year])
                let (results, units, years) = (counted.results, counted.counts[0], counted.counts[1])
                let indexYears = try ReportCatalog(index: index).years()
                return SearchPageData(query: text, page: page, pageSize: pageSize, chart: chart, results: results,
                                      units: units, years: years, indexYears: indexYears)
            }
            return Responses.html(SearchPage.render(data))
        } catch let error as BaogaoError where error.isQueryError {
            return Responses.html(SearchPage.invalid(text, message: error.message, column: nil), status: .badRequest)
        }
    }

    func reportPage(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        let path = try QueryInput.path(parameters)
        let line: Int? = parameters.text("line") == nil ? nil : try parameters.int("line", default: 1, in: 1...Int(Int32.max))
        let text = parameters.text("q")
        if let text { try QueryInput.checkLength(text, maxCharacters: settings.maxQueryCharacters) }
        // A query that does not parse only loses its highlights: the report is still worth reading.
        let query = text.flatMap { try? SearchQuery(parsing: $0) }
        let data = try await reader.run { index throws -> ReportPageData in
            let catalog = ReportCatalog(index: index)
            guard try catalog.report(exactPath: path) != nil else { throw QueryInput.notIndexed(path) }
            let document = try catalog.document(path: path, query: query)
            var focus: Int?
            var section: SectionView?
            if let line, let span = try catalog.lineSpan(exactPath: path), span.contains(line) {
                focus = line
                section = try catalog.section(path: path, line: line)
            }
            return ReportPageData(document: document, focus: focus, section: section, query: text)
        }
        return Responses.html(ReportPage.render(data))
    }
}
