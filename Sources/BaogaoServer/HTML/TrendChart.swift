import BaogaoKit

/// The query's mentions as inline SVG bars, drawn on the server from the `units` aggregation:
/// per year (one bar for every year of the index, zero where nothing matched), or per unit.
/// Bar lengths are proportional to the counts; each bar links to the query narrowed to it.
///
/// ```swift
/// TrendChart.years(yearRows, axis: [2021, 2022, 2023], query: "乡村振兴")
/// // <svg class="chart chart-year" …><a href="/?q=…year%3A2021"><rect data-year="2021" data-count="3" height="120.0" …>
/// ```
enum TrendChart {
    /// The height of the tallest year bar, in SVG units.
    static let plotHeight = 120.0
    /// The length of the longest unit bar (the chart is made for a sidebar about 300 wide).
    static let plotWidth = 150.0
    /// At most this many units are drawn.
    static let maxUnits = 20

    /// Mentions per year. `axis` holds the index's years: the chart spans the first to the last
    /// of them and of the rows', so a year without mentions shows as an empty slot.
    static func years(_ rows: [GroupCount], axis: [Int], query: String) -> String {
        var counts: [Int: Int] = [:]
        for row in rows { if let year = row.year { counts[year] = row.passages } }
        let known = axis + Array(counts.keys)
        guard let first = known.min(), let last = known.max() else { return "" }
        let years = Array(first...last)
        let top = max(1, counts.values.max() ?? 1)
        let slot = 44.0, bar = 30.0, above = 18.0, below = 22.0
        let width = Double(years.count) * slot + 8
        let height = above + plotHeight + below
        var out = """
            <svg class="chart chart-year" viewBox="0 0 \(format(width)) \(format(height))" width="\(format(width))" height="\(format(height))" role="img" aria-label="每年提及次数">
            <line class="axis" x1="0" y1="\(format(above + plotHeight))" x2="\(format(width))" y2="\(format(above + plotHeight))"></line>

            """
        for (i, year) in years.enumerated() {
            let count = counts[year] ?? 0
            let h = scaled(count, top, plotHeight)
            let x = 4 + Double(i) * slot + (slot - bar) / 2
            let y = above + plotHeight - h
            let center = 4 + Double(i) * slot + slot / 2
            var group = """
                <rect class="bar" x="\(format(x))" y="\(format(y))" width="\(format(bar))" height="\(format(h))" data-year="\(year)" data-count="\(count)"><title>\(year)年：\(count) 处</title></rect>
                """
            if count > 0 {
                group += "<text class=\"value\" x=\"\(format(center))\" y=\"\(format(y - 4))\">\(count)</text>"
            }
            group += "<text class=\"label\" x=\"\(format(center))\" y=\"\(format(above + plotHeight + 16))\">\(year)</text>"
            if count > 0 {
                group = "<a href=\"\(Facets.link(adding: "year:\(year)", to: query))\">\(group)</a>"
            }
            out += group + "\n"
        }
        return out + "</svg>"
    }

    /// Mentions per unit, most first, as horizontal bars with the unit's name beside each.
    static func units(_ rows: [GroupCount], query: String) -> String {
        let shown = rows.filter { $0.unit != nil }.prefix(maxUnits)
        guard !shown.isEmpty else { return "" }
        let top = max(1, shown.map(\.passages).max() ?? 1)
        let rowHeight = 24.0, labelWidth = 112.0
        let width = labelWidth + plotWidth + 36
        let height = Double(shown.count) * rowHeight + 4
        var out = """
            <svg class="chart chart-unit" viewBox="0 0 \(format(width)) \(format(height))" width="\(format(width))" height="\(format(height))" role="img" aria-label="各单位提及次数">

            """
        for (i, row) in shown.enumerated() {
            let unit = row.unit!
            let w = scaled(row.passages, top, plotWidth)
            let y = 2 + Double(i) * rowHeight
            out += """
                <a href="\(Facets.link(adding: Facets.filter("unit", unit), to: query))"><text class="label unit-label" x="\(format(labelWidth - 6))" y="\(format(y + 16))">\(HTML.escape(clipped(unit, to: 8)))</text><rect class="bar" x="\(format(labelWidth))" y="\(format(y + 3))" width="\(format(w))" height="\(format(rowHeight - 8))" \(HTML.attribute("data-unit", unit)) data-count="\(row.passages)"><title>\(HTML.escape(unit))：\(row.passages) 处</title></rect><text class="value" x="\(format(labelWidth + w + 6))" y="\(format(y + 16))">\(row.passages)</text></a>

                """
        }
        return out + "</svg>"
    }

    /// `count` of `top` as a length of at most `full`, to 0.01.
    static func scaled(_ count: Int, _ top: Int, _ full: Double) -> Double {
        (Double(count) / Double(top) * full * 100).rounded() / 100
    }

    /// A number as SVG wants it: "12", "12.5".
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func clipped(_ text: String, to count: Int) -> String {
        text.count > count ? String(text.prefix(count - 1)) + "…" : text
    }
}
