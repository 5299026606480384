/// What the index knows about one report.
public struct ReportInfo: Sendable, Hashable, Codable {
    /// Where each metadata field came from: `file-name`, `folder-name`, `text`, `column` or
    /// `metadata.csv` (nil: unknown).
    public struct Sources: Sendable, Hashable, Codable {
        public var unit: String?
        public var year: String?
        public var title: String?
    }

    /// The path relative to the indexed folder.
    public var path: String
    public var unit: String?
    /// The unit's name as found, when the unit goes by another name (``UnitAliases``).
    public var unitName: String?
    public var year: Int?
    public var title: String?
    public var passages: Int
    public var encoding: String
    /// A remark from indexing (e.g. bytes replaced in a damaged file).
    public var note: String?
    public var sources: Sources
    /// Matching passages, when the listing was for a query with terms.
    public var matches: Int?

    private enum CodingKeys: String, CodingKey {
        case path, unit, unitName, year, title, passages, encoding, note, sources, matches
    }

    /// Encodes every key, unknown values as `null`, so the JSON shape never varies.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(unit, forKey: .unit)
        try c.encode(unitName, forKey: .unitName)
        try c.encode(year, forKey: .year)
        try c.encode(title, forKey: .title)
        try c.encode(passages, forKey: .passages)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(note, forKey: .note)
        try c.encode(sources, forKey: .sources)
        try c.encodeIfPresent(matches, forKey: .matches)
    }
}

extension ReportInfo.Sources {
    private enum CodingKeys: String, CodingKey { case unit, year, title }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unit, forKey: .unit)
        try c.encode(year, forKey: .year)
        try c.encode(title, forKey: .title)
    }
}

/// A unit and the names it was found under, for `baogao units --names`.
public struct UnitNaming: Sendable, Hashable, Codable {
    public var unit: String
    public var reports: Int
    /// Each name the unit was found under (its own name too, when found so), with its reports.
    public var names: [NameCount]

    public struct NameCount: Sendable, Hashable, Codable {
        public var name: String
        public var reports: Int
    }
}

/// One heading of a report's outline.
public struct OutlineEntry: Sendable, Hashable, Codable {
    public var line: Int
    /// Nesting depth: 0 for the outermost headings.
    public var depth: Int
    public var heading: String
}

/// A whole section of a report, as `baogao show PATH:LINE` prints it.
public struct SectionView: Sendable, Hashable, Codable {
    public var report: ReportInfo
    /// The headings down to this section, outermost first; empty before the first heading.
    public var section: [String]
    /// The line asked for.
    public var focus: Int
    /// The section's passages, with highlights of the query's terms when one was given.
    public var lines: [ShownLine]
}

/// One passage of a shown section.
public struct ShownLine: Sendable, Hashable, Codable {
    public var line: Int
    public var text: String
    /// [start, end) offsets in Unicode scalars into `text`.
    public var highlights: [[Int]]
    /// The page of a PDF (or multi-page scan) the line starts on; absent for other formats.
    public var page: Int? = nil
}

/// What an index holds, in brief: its reports, their units and their years.
public struct ReportSummary: Sendable, Hashable {
    public var reports: Int
    /// Distinct units (reports of no known unit not counted).
    public var units: Int
    /// The distinct years of the reports, ascending.
    public var years: [Int]
}
