import GRDB

/// Finds the units a `unit:` filter means: the exact name, a name the unit was found under
/// (`unit:市发改委` is 市发展和改革委员会), else a unique prefix, else a unique part of a name;
/// otherwise a message listing the nearest known units.
///
/// ```swift
/// try UnitResolver(db).resolve("农业", column: 1)  // ["市农业农村局"]
/// ```
struct UnitResolver {
    let units: [String]
    /// Names as found (folded) → the unit they were merged into.
    let aliases: [String: String]

    init(_ db: Database) throws {
        units = try String.fetchAll(db, sql: "SELECT DISTINCT unit FROM reports WHERE unit IS NOT NULL ORDER BY unit")
        var aliases: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT unit_name, unit FROM reports WHERE unit_name IS NOT NULL AND unit IS NOT NULL AND unit_name != unit
            """) {
            aliases[ScalarFolding.fold(row[0] as String)] = row[1]
        }
        self.aliases = aliases
    }

    init(units: [String], aliases: [String: String] = [:]) {
        self.units = units
        self.aliases = Dictionary(aliases.map { (ScalarFolding.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func resolve(_ name: String, column: Int) throws(QueryError) -> [String] {
        let wanted = ScalarFolding.fold(name)
        let folded = units.map { ($0, ScalarFolding.fold($0)) }
        if let exact = folded.first(where: { $0.1 == wanted }) { return [exact.0] }
        if let unit = aliases[wanted] { return [unit] }
        let named = ScalarFolding.fold(UnitAliases().canonical(name))
        if let exact = folded.first(where: { $0.1 == named }) { return [exact.0] }
        let prefixed = folded.filter { $0.1.hasPrefix(wanted) }
        if prefixed.count == 1 { return [prefixed[0].0] }
        let containing = folded.filter { $0.1.contains(wanted) }
        if containing.count == 1 { return [containing[0].0] }
        if containing.count > 1 {
            let list = containing.prefix(8).map(\.0).joined(separator: "、")
            throw QueryError("unit:\(name) (column \(column)) matches \(containing.count) units: \(list)"
                             + (containing.count > 8 ? "…" : "") + "; write more of the name", column: column)
        }
        guard !units.isEmpty else {
            throw QueryError("unknown unit “\(name)” (column \(column)): no report in the index has a known unit",
                             column: column)
        }
        let nearest = nearestUnits(to: wanted).joined(separator: "、")
        throw QueryError("unknown unit “\(name)” (column \(column)); nearest known units: \(nearest)", column: column)
    }

    /// Up to five known units closest to `wanted` by edit distance over characters.
    func nearestUnits(to wanted: String) -> [String] {
        let target = Array(wanted.unicodeScalars)
        return units
            .map { ($0, Self.distance(target, Array(ScalarFolding.fold($0).unicodeScalars))) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(5)
            .map(\.0)
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
