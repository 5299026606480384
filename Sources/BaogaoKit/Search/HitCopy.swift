/// Another place holding a passage identical to a hit's (same text, ignoring punctuation and
/// spaces) that matches the query too: what the hit stands for besides itself.
///
/// ```swift
/// hit.copies?.map { "\($0.path):\($0.line)" }  // ["市XX办_2023_党建引领工作总结.txt:12", …]
/// ```
public struct HitCopy: Sendable, Hashable, Codable {
    /// The report's path relative to the indexed folder, with `/` separators.
    public var path: String
    /// The 1-based line of the passage.
    public var line: Int
    public var unit: String?
    public var year: Int?
    public var title: String?
    /// The headings of the sections holding the passage, outermost first, as written.
    public var section: [String]

    public init(path: String, line: Int, unit: String?, year: Int?, title: String?, section: [String]) {
        self.path = path
        self.line = line
        self.unit = unit
        self.year = year
        self.title = title
        self.section = section
    }

    private enum CodingKeys: String, CodingKey {
        case path, line, unit, year, title, section
    }

    /// Encodes every key, a missing unit, year or title as `null`, as ``SearchHit`` does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(unit, forKey: .unit)
        try container.encode(year, forKey: .year)
        try container.encode(title, forKey: .title)
        try container.encode(section, forKey: .section)
    }
}
