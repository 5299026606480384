/// The JSON shape of one aggregation row, as `units --json` prints it and the server answers:
/// the grouping key (`unit`, `year`, or `path` with `unit`, `year` and `title`), then
/// `reports`, `passages`, `years` and `best` (a hit shaped as `search --json` prints it).
///
/// ```swift
/// try JSONEncoder().encode(aggregation.rows[0])
/// // {"best":{…},"passages":3,"reports":2,"unit":"市农业农村局","years":[2022,2024]}
/// ```
extension AggregateRow: Encodable {
    private enum CodingKeys: String, CodingKey {
        case unit, year, path, title, reports, passages, years, best
    }

    /// Encodes the key of the row's grouping (unknown values as `null`), the counts and the best hit.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch grouping {
        case .unit:
            try c.encode(unit, forKey: .unit)
        case .year:
            try c.encode(year, forKey: .year)
        case .report:
            try c.encode(path, forKey: .path)
            try c.encode(unit, forKey: .unit)
            try c.encode(year, forKey: .year)
            try c.encode(title, forKey: .title)
        }
        try c.encode(reports, forKey: .reports)
        try c.encode(passages, forKey: .passages)
        try c.encode(years, forKey: .years)
        try c.encode(best, forKey: .best)
    }
}
