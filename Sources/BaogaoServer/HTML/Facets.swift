import BaogaoKit
import Foundation

/// The units and years beside the results, with their counts of matching passages; each links
/// to the query with that filter added (or, when the query has it already, removed).
///
/// ```swift
/// Facets.render(units: unitRows, years: yearRows, query: "乡村振兴")
/// Facets.filter("unit", "市XX办")        // "unit:市XX办"
/// Facets.filter("unit", "XX 办")         // "unit:\"XX 办\""
/// ```
enum Facets {
    static func render(units: [GroupCount], years: [GroupCount], query: String) -> String {
        var out = "<nav class=\"facets\" aria-label=\"筛选\">\n"
        let unitItems = units.compactMap { row in row.unit.map { (filter("unit", $0), $0, row) } }
        let yearItems = years.sorted { ($0.year ?? 0) > ($1.year ?? 0) }
            .compactMap { row in row.year.map { (filter("year", String($0)), "\($0)年", row) } }
        for (title, kind, items) in [("单位", "unit", unitItems), ("年份", "year", yearItems)] where !items.isEmpty {
            out += "<section class=\"facet facet-\(kind)\">\n<h2>\(title)</h2>\n<ul>\n"
            for (filter, label, row) in items {
                let active = contains(query, filter)
                let href = active ? link(removing: filter, from: query) : link(adding: filter, to: query)
                out += """
                    <li\(active ? " class=\"active\"" : "")><a href="\(href)" \(HTML.attribute("data-filter", filter)) title="\(row.passages) 处，\(row.reports) 份报告"><span class="name">\(HTML.escape(label))</span><span class="count">\(row.passages)</span></a></li>

                    """
            }
            out += "</ul>\n</section>\n"
        }
        return out + "</nav>"
    }

    /// `name:value`, the value quoted (with `"` doubled) when it holds a space, a quote or a
    /// parenthesis, so the query parser reads it back as one value.
    static func filter(_ name: String, _ value: String) -> String {
        let plain = !value.isEmpty && !value.unicodeScalars.contains { $0.properties.isWhitespace || "\"()".unicodeScalars.contains($0) }
        return plain ? "\(name):\(value)" : "\(name):\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// The search link for `query` with `filter` appended.
    static func link(adding filter: String, to query: String) -> String {
        Link.search(query.trimmingWhitespace() + " " + filter)
    }

    /// The search link for `query` without `filter`.
    static func link(removing filter: String, from query: String) -> String {
        Link.search(" \(query) ".replacingOccurrences(of: " \(filter) ", with: " ").trimmingWhitespace())
    }

    /// Whether `query` holds `filter` as a word of its own.
    static func contains(_ query: String, _ filter: String) -> Bool {
        " \(query) ".contains(" \(filter) ")
    }
}
