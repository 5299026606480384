/// One matching passage, with where it stands: unit · year · title, the section trail, and
/// path:line.
public struct SearchHit: Sendable, Hashable, Codable {
    /// The report's path relative to the indexed folder, with `/` separators.
    public var path: String
    /// The 1-based line of the passage.
    public var line: Int
    /// The 1-based page of a PDF (or multi-page scan) the passage starts on; `nil` for other formats.
    public var page: Int?
    /// The headings of the sections holding the passage, outermost first, as written.
    public var section: [String]
    /// The passage as in the file.
    public var text: String
    /// Matched ranges of ``text``, as [start, end) offsets in Unicode scalars.
    public var highlights: [[Int]]
    public var unit: String?
    public var year: Int?
    public var title: String?
    /// Relevance: higher is better.
    public var score: Double
    /// `exact` when every term matched as its phrase, `variant` when some matched through its
    /// parts close together (乡村全面振兴 for 乡村振兴), `related` when through its parts apart.
    public var match: MatchKind = .exact
    /// How many identical passages in other places are folded into this hit, when there are
    /// any: always `copies.count`.
    public var duplicates: Int?
    /// Every other place holding an identical passage that matches the query (same text,
    /// ignoring punctuation and spaces), by path then line; nil when there is none.
    public var copies: [HitCopy]? {
        didSet { duplicates = copies.map(\.count) }
    }
    /// Passages before and after the hit in the same report, when context was asked for.
    public var before: [ContextLine]?
    public var after: [ContextLine]?

    public init(path: String, line: Int, section: [String], text: String, highlights: [[Int]],
                unit: String?, year: Int?, title: String?, score: Double) {
        self.path = path
        self.line = line
        self.section = section
        self.text = text
        self.highlights = highlights
        self.unit = unit
        self.year = year
        self.title = title
        self.score = score
    }
}

/// How a hit matched the query's terms.
public enum MatchKind: String, Sendable, Hashable, Codable {
    /// Every term as its exact phrase.
    case exact
    /// Some unquoted term only through its parts close together: counted as a match.
    case variant
    /// Some unquoted term only through its parts apart: shown after the matches, not counted.
    case related
}

extension SearchHit {
    private enum CodingKeys: String, CodingKey {
        case path, line, page, section, text, highlights, unit, year, title, score, match, duplicates, copies, before, after
    }

    /// Encodes every key, a missing page, unit, year or title as `null`: the JSON shape never varies.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(page, forKey: .page)
        try container.encode(section, forKey: .section)
        try container.encode(text, forKey: .text)
        try container.encode(highlights, forKey: .highlights)
        try container.encode(unit, forKey: .unit)
        try container.encode(year, forKey: .year)
        try container.encode(title, forKey: .title)
        try container.encode(score, forKey: .score)
        try container.encode(match, forKey: .match)
        try container.encodeIfPresent(duplicates, forKey: .duplicates)
        try container.encodeIfPresent(copies, forKey: .copies)
        try container.encodeIfPresent(before, forKey: .before)
        try container.encodeIfPresent(after, forKey: .after)
    }
}

/// A passage shown around a hit (`--context`).
public struct ContextLine: Sendable, Hashable, Codable {
    public var line: Int
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// The answer to a search: the best hits and how many there are in all.
public struct SearchResults: Sendable, Hashable {
    /// The best hits, best first.
    public var hits: [SearchHit]
    /// Every matching passage, counted exactly.
    public var totalHits: Int
    /// Reports with at least one matching passage.
    public var totalReports: Int
    /// The folder the index was built from; hit paths are relative to it.
    public var root: String?

    public init(hits: [SearchHit], totalHits: Int, totalReports: Int, root: String?) {
        self.hits = hits
        self.totalHits = totalHits
        self.totalReports = totalReports
        self.root = root
    }
}
