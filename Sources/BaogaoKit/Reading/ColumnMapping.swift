import Foundation

/// Which columns of a .csv/.jsonl collection hold each report's text, unit, year and title.
///
/// Columns named on the command line (`--column text=full_text --column unit=province`) win;
/// otherwise common names are recognised, case-insensitively: text/full_text/content/body/
/// 正文/全文/内容, unit/province/单位/省份/地区, year/年份/年度, title/标题/题目/名称.
///
/// ```swift
/// let mapping = try ColumnMapping(["text=full_text", "unit=province"])
/// let columns = try mapping.resolve(header: ["province", "year", "title", "full_text"], file: "laws.csv")
/// columns.text   // 3
/// ```
public struct ColumnMapping: Sendable, Hashable, Codable {
    /// The report fields a column can fill.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case text, unit, year, title
    }

    /// Column names given by the user, per field.
    public private(set) var names: [Field: String] = [:]

    /// Recognised without being named.
    static let defaults: [Field: [String]] = [
        .text: ["text", "full_text", "fulltext", "content", "body", "正文", "全文", "内容"],
        .unit: ["unit", "province", "单位", "省份", "地区", "发布单位"],
        .year: ["year", "年份", "年度"],
        .title: ["title", "标题", "题目", "名称"],
    ]

    public init() {}

    /// Parses `field=column` assignments; an unknown field or a malformed one is an error.
    public init(_ assignments: [String]) throws(BaogaoError) {
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw BaogaoError("--column \(assignment): expected FIELD=COLUMN, e.g. text=full_text")
            }
            let key = assignment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let column = assignment[assignment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let field = Field(rawValue: key) else {
                throw BaogaoError("--column \(assignment): unknown field “\(key)” (use text, unit, year or title)")
            }
            guard !column.isEmpty else {
                throw BaogaoError("--column \(assignment): the column name is empty")
            }
            names[field] = column
        }
    }

    /// Where each field stands in `header`. Fails when a named column is missing or no text
    /// column can be found, listing the columns there are.
    func resolve(header: [String], file: String) throws(BaogaoError) -> [Field: Int] {
        let normalized = header.map { Self.normalize($0) }
        var columns: [Field: Int] = [:]
        for field in Field.allCases {
            if let name = names[field] {
                guard let i = normalized.firstIndex(of: Self.normalize(name)) else {
                    throw BaogaoError("no column “\(name)” for --column \(field.rawValue)=\(name) "
                                      + "(columns: \(header.joined(separator: ", ")))")
                }
                columns[field] = i
            } else if let i = Self.defaults[field]!.lazy.compactMap({ normalized.firstIndex(of: $0) }).first {
                columns[field] = i
            }
        }
        guard columns[.text] != nil else {
            throw BaogaoError("no text column among \(header.joined(separator: ", ")): "
                              + "name it with --column text=COLUMN")
        }
        return columns
    }

    /// The mapping as stored in the index ("text=full_text,unit=province"; "" for none), so
    /// that a later run knows whether collections must be read again.
    public var canonical: String {
        Field.allCases.compactMap { f in names[f].map { "\(f.rawValue)=\($0)" } }.joined(separator: ",")
    }

    /// The mapping back from ``canonical``.
    init(canonical: String) {
        for part in canonical.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            if pieces.count == 2, let field = Field(rawValue: String(pieces[0])) { names[field] = String(pieces[1]) }
        }
    }

    static func normalize(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"])).lowercased()
    }
}
