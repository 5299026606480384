import Foundation

/// `units.csv` at the root of an indexed folder: the names a unit goes by, one per row,
/// `alias,unit` (also 别名,单位), in UTF-8 or GBK, with or without a byte-order mark. Every
/// report whose unit is found under an alias is listed under the unit instead.
///
/// ```swift
/// let file = try UnitsFile.load(from: folder)   // nil when there is none
/// file?.aliases.canonical("市XX办")               // "市委XX办公室"
/// ```
struct UnitsFile: Sendable {
    static let name = "units.csv"

    var aliases: UnitAliases
    /// Problems found while reading, for the summary.
    var problems: [String]
    /// A hash of the file's bytes: when it changes, every report's unit is named again.
    var hash: String

    static let aliasNames: Set<String> = ["alias", "name", "别名", "简称", "名称"]
    static let unitNames: Set<String> = ["unit", "单位", "全称"]

    /// Reads `units.csv` in `folder`; `nil` when there is none.
    static func load(from folder: URL) throws(BaogaoError) -> UnitsFile? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try parse(try FileBytes.read(url, limit: 16 << 20))
    }

    static func parse(_ data: Data) throws(BaogaoError) -> UnitsFile {
        let text = try PlainTextReader.decode(data).text
        let records = CSVTable.records(text)
        let hash = ContentHash.hex(of: data)
        guard let header = records.first?.map({ ColumnMapping.normalize($0) }) else {
            return UnitsFile(aliases: UnitAliases(), problems: [], hash: hash)
        }
        guard let aliasColumn = header.firstIndex(where: { aliasNames.contains($0) }),
              let unitColumn = header.firstIndex(where: { unitNames.contains($0) }) else {
            throw BaogaoError("has no alias and unit columns (expected a header alias,unit)")
        }
        var aliases: [String: String] = [:]
        var problems: [String] = []
        for (n, record) in records.enumerated().dropFirst() {
            func cell(_ i: Int) -> String? {
                guard i < record.count else { return nil }
                let value = ExplicitHeadings.trimmed(record[i])
                return value.isEmpty ? nil : value
            }
            guard let alias = cell(aliasColumn) else { continue }
            guard let unit = cell(unitColumn) else {
                problems.append("row \(n + 1): alias “\(alias)” has no unit")
                continue
            }
            if let earlier = aliases[alias], earlier != unit {
                problems.append("row \(n + 1): “\(alias)” was already an alias of “\(earlier)”")
                continue
            }
            aliases[alias] = unit
        }
        return UnitsFile(aliases: UnitAliases(aliases), problems: problems, hash: hash)
    }
}
