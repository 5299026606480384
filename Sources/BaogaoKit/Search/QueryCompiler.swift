import GRDB

/// Turns a ``SearchQuery`` into a ``CompiledQuery`` for one index: plans every term, resolves
/// unit names, and checks what FTS5 could not answer ("-疫情" alone, a unit that is not there).
enum QueryCompiler {
    /// `query` compiled for a search of `index` in the read `db`: with the index's
    /// ``SecondReader`` and the passage lengths it keeps for the state `db` sees, if any
    /// (``IndexDatabase/keepPassageLengths(waiting:)``).
    static func compile(_ query: SearchQuery, _ db: Database, for index: IndexDatabase) throws -> CompiledQuery {
        var compiled = try compile(query, db, secondReader: index.secondReader)
        compiled.lengths = try index.keptLengths(db)
        return compiled
    }

    /// - Parameter requireTerms: whether the query must have a term to find (search, units) or
    ///   may be filters only (reports).
    /// - Parameter secondReader: the index's, for reading long walks in two halves at once.
    static func compile(_ query: SearchQuery, _ db: Database, requireTerms: Bool = true,
                        secondReader: SecondReader? = nil) throws -> CompiledQuery {
        let parts: [SearchQuery.Node]
        if case .and(let xs) = query.root { parts = xs } else { parts = [query.root] }

        var text: [TextExpression] = []
        var conditions: [String] = []
        var arguments = StatementArguments()
        var filters: [Filter] = []
        for part in parts {
            switch kind(of: part) {
            case .filters:
                let (sql, args) = try filterSQL(part, db)
                filters.append(Filter(node: part, sql: sql, arguments: args))
                conditions.append(sql)
                arguments += args
            case .text:
                text.append(try expression(part))
            case .mixed(let column):
                throw QueryError("filters cannot share an OR or a group with search terms (column \(column)): "
                                 + "put unit:, year:, section: and title: outside the parentheses", column: column)
            }
        }

        var tiers: [CompiledQuery.Tier] = []
        var variants: [TermVariant] = []
        var related: CompiledQuery.Tier?
        if !text.isEmpty {
            let all = TextExpression.and(text)
            try checkNegations(all, query: query)
            guard case .expression(let exact) = all.superset() else {
                throw QueryError("nothing to search for: “-” only excludes; add a term to find, e.g. 乡村振兴 -疫情")
            }
            tiers.append(.init(match: exact, check: all.needsVerification ? { all.matches($0) } : nil, kind: .exact))
            if all.hasVariants, case .expression(let expanded) = all.superset(variants: true) {
                // Passages matching only through variants: FTS5 leaves out the exact tier when it
                // can say exactly what that is; the check decides the rest.
                var sure: String?
                if case .expression(let subset) = all.subset, !all.needsVerification { sure = subset }
                func excludingExact(_ e: String) -> String { sure.map { "(\(e)) NOT (\($0))" } ?? e }
                var loose: String?
                if case .expression(let e) = all.superset(reach: .related) { loose = e }
                // The variant rule is FTS5's NEAR (``TermVariant``): where every phrase is
                // exact too, so is the tier's expression, and no passage needs reading. With
                // filters the check stays: a narrow filter reads the tier through `loose`.
                let exactTier = !all.needsVerification && conditions.isEmpty
                tiers.append(.init(match: excludingExact(expanded),
                                   check: exactTier ? nil : { all.matches($0, reach: .variants) && !all.matches($0, reach: .exact) },
                                   kind: .variant, spanMatch: loose, answeredExactly: sure != nil))
                variants = Self.variants(in: all)
                if let loose {
                    related = .init(match: excludingExact(loose),
                                    check: { all.matches($0, reach: .related) && !all.matches($0, reach: .variants) },
                                    kind: .related, spanMatch: loose)
                }
            }
        } else if requireTerms {
            throw QueryError("nothing to search for: filters only narrow a search; add a term, e.g. 乡村振兴 \(describe(parts))")
        } else {
            tiers.append(.init(match: nil, check: nil, kind: .exact))
        }
        let highlights = Searcher.highlightPlans(for: query)
        var compiled = CompiledQuery(tiers: tiers, related: related, conditions: conditions, arguments: arguments,
                                     highlightPlans: highlights, highlightVariants: variants)
        compiled.filtersOnReports = !parts.contains(where: holdsSectionFilter)
        compiled.ranges = try ReportRanges.load(db, shared: true)
        if compiled.filtersOnReports {
            compiled.allowedReportIDs = try compiled.allowedReports(db)
        } else if let ranges = compiled.ranges, let under = try allowedPassages(filters, ranges, db) {
            compiled.allowedSections = under
            compiled.allowedReportIDs = under.reports(ranges)
        }
        if text.count == 1, case .term(let plan, _) = text[0] { compiled.singleTerm = plan }
        if conditions.isEmpty {
            compiled.characterParts = CompiledQuery.CharacterParts(text, tiers: tiers, related: related)
        }
        compiled.secondReader = secondReader
        return compiled
    }

    private static func variants(in expression: TextExpression) -> [TermVariant] {
        switch expression {
        case .term(_, let variant): return variant.map { [$0] } ?? []
        case .and(let xs), .or(let xs): return xs.flatMap(variants(in:))
        case .not: return []
        }
    }

    private enum Kind {
        case filters, text
        case mixed(column: Int)
    }

    private static func kind(of node: SearchQuery.Node) -> Kind {
        var filters = false
        var terms = false
        var column = 0
        func walk(_ n: SearchQuery.Node) {
            switch n {
            case .filter(_, let c): filters = true; column = c
            case .term(let t): terms = true; if column == 0 { column = t.column }
            case .and(let xs), .or(let xs): xs.forEach(walk)
            case .not(let x): walk(x)
            }
        }
        walk(node)
        if filters && terms { return .mixed(column: column) }
        return filters ? .filters : .text
    }

    private static func describe(_ parts: [SearchQuery.Node]) -> String {
        parts.compactMap { node -> String? in
            if case .filter(let f, _) = node {
                switch f {
                case .unit(let u): return "unit:\(u)"
                case .year(let r): return r.count == 1 ? "year:\(r.lowerBound)" : "year:\(r.lowerBound)..\(r.upperBound)"
                case .section(let s): return "section:\(s)"
                case .title(let t): return "title:\(t)"
                }
            }
            return nil
        }.joined(separator: " ")
    }

    /// The text expression of `node`; unquoted terms outside any negation get their variants.
    private static func expression(_ node: SearchQuery.Node, negated: Bool = false) throws -> TextExpression {
        switch node {
        case .term(let term):
            guard let plan = TermPlan(term.text) else {
                throw QueryError("“\(term.text)” (column \(term.column)) has no letters, digits or characters to search for",
                                 column: term.column)
            }
            return .term(plan, variant: term.quoted || negated ? nil : TermVariant(plan))
        case .and(let xs): return .and(try xs.map { try expression($0, negated: negated) })
        case .or(let xs): return .or(try xs.map { try expression($0, negated: negated) })
        case .not(let x): return .not(try expression(x, negated: true))
        case .filter: fatalError("filters are separated before")
        }
    }

    /// Every negation must stand in an AND beside something to find: `乡村 -疫情`, not `-疫情`
    /// alone or `乡村 OR -疫情`.
    private static func checkNegations(_ expression: TextExpression, query: SearchQuery) throws {
        func positive(_ e: TextExpression) -> Bool {
            switch e {
            case .term: return true
            case .not: return false
            case .and(let xs): return xs.contains(where: positive)
            case .or(let xs): return xs.allSatisfy(positive)
            }
        }
        func check(_ e: TextExpression) throws {
            switch e {
            case .term: return
            case .not(let x): try check(x)
            case .and(let xs), .or(let xs):
                if case .or = e, !xs.allSatisfy(positive) {
                    throw QueryError("each side of OR needs a term to find; “-” only excludes (e.g. (乡村振兴 OR 乡村全面振兴) -疫情)")
                }
                if case .and = e, !positive(e) {
                    throw QueryError("nothing to search for: “-” only excludes; add a term to find, e.g. 乡村振兴 -疫情")
                }
                try xs.forEach(check)
            }
        }
        try check(expression)
    }

    // MARK: Filters

    /// Whether a filter node needs the passage (section:) rather than its report alone.
    private static func holdsSectionFilter(_ node: SearchQuery.Node) -> Bool {
        switch node {
        case .filter(.section, _): return true
        case .filter: return false
        case .not(let inner): return holdsSectionFilter(inner)
        case .and(let xs), .or(let xs): return xs.contains(where: holdsSectionFilter)
        case .term: return false
        }
    }

    /// A filter of the query's top level (ANDed with the others) and its SQL condition, built
    /// once (a unit: filter resolves its names, a year: filter checks its reports).
    private struct Filter {
        var node: SearchQuery.Node
        var sql: String
        var arguments: StatementArguments
    }

    /// The passages `filters` (ANDed, one holding a section: filter at least) let through:
    /// the filters on reports first, so that only their reports' headings are read; a section:
    /// filter alone is the passages under its sections in those reports, one under OR or - is
    /// joined as the query joins it (``passages(of:inReports:_:within:_:)``), then kept to
    /// those reports. Nil when the index holds no passage.
    private static func allowedPassages(_ filters: [Filter], _ ranges: ReportRanges,
                                        _ db: Database) throws -> SectionPassages? {
        guard let first = ranges.starts.first, let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM passages"),
              first <= last else { return nil }
        var allowed: Set<Int64>?
        let onReports = filters.filter { !holdsSectionFilter($0.node) }
        if !onReports.isEmpty {
            allowed = try CompiledQuery.allowedReports(onReports.map(\.sql),
                                                       onReports.reduce(into: StatementArguments()) { $0 += $1.arguments }, db)
        }
        var under: SectionPassages?
        var withinAllowed = true  // a section: filter alone finds only passages of `allowed`
        for part in filters.map(\.node) where holdsSectionFilter(part) {
            let found = try passages(of: part, inReports: allowed, ranges, within: first...last, db)
            under = under.map { $0.intersection(found) } ?? found
            if case .filter = part {} else { withinAllowed = false }
        }
        guard var under else { return nil }
        if let allowed, !withinAllowed {
            under = under.intersection(SectionPassages(reports: allowed, ranges: ranges, last: last))
        }
        return under
    }

    /// The passages of `within` a filter node lets through, as ``SectionPassages``: a section:
    /// filter's passages (the headings of `reports` alone, when given: the caller keeps only
    /// passages of those), a node without one as its reports' passages, and NOT, AND and OR
    /// as their complement, intersection and union.
    private static func passages(of node: SearchQuery.Node, inReports reports: Set<Int64>?, _ ranges: ReportRanges,
                                 within all: ClosedRange<Int64>, _ db: Database) throws -> SectionPassages {
        if !holdsSectionFilter(node) {
            let (sql, args) = try filterSQL(node, db)
            return SectionPassages(reports: try CompiledQuery.allowedReports([sql], args, db), ranges: ranges,
                                   last: all.upperBound)
        }
        switch node {
        case .filter(.section(let text), _):
            return try SectionPassages.matching(text, inReports: reports, db)
        case .not(let inner):
            return try passages(of: inner, inReports: reports, ranges, within: all, db).complement(in: all)
        case .and(let xs):
            var out = try passages(of: xs[0], inReports: reports, ranges, within: all, db)
            for x in xs.dropFirst() { out = out.intersection(try passages(of: x, inReports: reports, ranges, within: all, db)) }
            return out
        case .or(let xs):
            var out = SectionPassages(ids: [])
            for x in xs { out = out.union(try passages(of: x, inReports: reports, ranges, within: all, db)) }
            return out
        case .filter, .term:
            fatalError("a node holding a section: filter, and filters only")
        }
    }

    private static func filterSQL(_ node: SearchQuery.Node, _ db: Database) throws -> (String, StatementArguments) {
        switch node {
        case .filter(let filter, let column):
            return try filterSQL(filter, column: column, db)
        case .not(let inner):
            let (sql, args) = try filterSQL(inner, db)
            return ("NOT COALESCE((\(sql)), 0)", args)
        case .and(let xs), .or(let xs):
            var parts: [String] = []
            var args = StatementArguments()
            for x in xs {
                let (sql, a) = try filterSQL(x, db)
                parts.append("(\(sql))")
                args += a
            }
            if case .or = node { return (parts.joined(separator: " OR "), args) }
            return (parts.joined(separator: " AND "), args)
        case .term:
            fatalError("terms are separated before")
        }
    }

    private static func filterSQL(_ filter: SearchQuery.Filter, column: Int, _ db: Database) throws -> (String, StatementArguments) {
        switch filter {
        case .unit(let name):
            let units = try UnitResolver(db).resolve(name, column: column)
            let marks = Array(repeating: "?", count: units.count).joined(separator: ", ")
            return ("r.unit IN (\(marks))", StatementArguments(units))
        case .year(let range):
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports WHERE year BETWEEN ? AND ?",
                                         arguments: [range.lowerBound, range.upperBound]) ?? 0
            if count == 0 {
                let years = try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")
                let span = range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)..\(range.upperBound)"
                let known = years.isEmpty ? "no report has a known year" : "years in the index: " + years.map(String.init).joined(separator: ", ")
                throw QueryError("no reports from \(span) (column \(column)); \(known)", column: column)
            }
            return ("r.year BETWEEN ? AND ?", [range.lowerBound, range.upperBound])
        case .section(let text):
            guard TermPlan(text) != nil else {
                throw QueryError("section:\(text) (column \(column)) has nothing to match", column: column)
            }
            return ("""
                p.section_id IN (WITH RECURSIVE sub(id) AS (
                    SELECT id FROM sections WHERE report_id = p.report_id AND baogao_contains(heading, ?)
                    UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id)
                SELECT id FROM sub)
                """, [text])
        case .title(let text):
            guard TermPlan(text) != nil else {
                throw QueryError("title:\(text) (column \(column)) has nothing to match", column: column)
            }
            return ("baogao_contains(r.title, ?)", [text])
        }
    }
}
