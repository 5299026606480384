import Foundation

/// `metadata.csv` at the root of an indexed folder: unit, year and title per report, as the
/// user corrected them. Its values win over the file name, the collection's columns and the
/// text.
///
/// Columns `path,unit,year,title` (also 路径/文件, 单位, 年份, 标题), in UTF-8 or GBK, with or
/// without a byte-order mark, as Excel exports them. `path` is relative to the folder (`/` or
/// `\`), a collection row written `laws.csv#12`; a bare file name is accepted when exactly one
/// file has it. Empty cells leave the inferred value alone.
///
/// ```swift
/// let file = try MetadataFile.load(from: folder)   // nil when there is none
/// let entries = file?.resolve(against: ["sub/a.txt", "laws.csv"])
/// ```
struct MetadataFile: Sendable {
    static let name = "metadata.csv"

    /// One row: the fields it sets.
    struct Entry: Sendable, Hashable {
        var unit: String?
        var year: Int?
        var title: String?

        /// Overrides `metadata` with the fields this entry sets.
        func apply(to metadata: inout ReportMetadata) {
            if let unit { metadata.unit = unit; metadata.unitName = unit; metadata.unitSource = .metadataFile }
            if let year { metadata.year = year; metadata.yearSource = .metadataFile }
            if let title { metadata.title = title; metadata.titleSource = .metadataFile }
        }
    }

    /// Rows by path as written (separators normalised).
    var entries: [(path: String, entry: Entry, line: Int)]
    /// Problems found while reading, for the summary ("line 4: year “20x1” is not a year").
    var problems: [String]
    /// A hash of the file's bytes: when it changes, every report's metadata is applied again.
    var hash: String

    /// Reads `metadata.csv` in `folder`; `nil` when there is none.
    static func load(from folder: URL) throws(BaogaoError) -> MetadataFile? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try FileBytes.read(url, limit: 64 << 20)
        return try parse(data)
    }

    static let pathNames: Set<String> = ["path", "file", "filename", "file_name", "路径", "文件", "文件名"]
    static let unitNames: Set<String> = ["unit", "单位"]
    static let yearNames: Set<String> = ["year", "年份", "年度"]
    static let titleNames: Set<String> = ["title", "标题"]

    static func parse(_ data: Data) throws(BaogaoError) -> MetadataFile {
        let text = try PlainTextReader.decode(data).text
        let records = CSVTable.records(text)
        guard let header = records.first?.map({ ColumnMapping.normalize($0) }) else {
            return MetadataFile(entries: [], problems: [], hash: ContentHash.hex(of: data))
        }
        func column(_ names: Set<String>) -> Int? { header.firstIndex { names.contains($0) } }
        guard let pathColumn = column(pathNames) else {
            throw BaogaoError("has no path column (expected a header like path,unit,year,title)")
        }
        let unitColumn = column(unitNames), yearColumn = column(yearNames), titleColumn = column(titleNames)
        var entries: [(path: String, entry: Entry, line: Int)] = []
        var problems: [String] = []
        for (n, record) in records.enumerated().dropFirst() {
            func cell(_ i: Int?) -> String? {
                guard let i, i < record.count else { return nil }
                let value = ExplicitHeadings.trimmed(record[i])
                return value.isEmpty ? nil : value
            }
            guard let path = cell(pathColumn) else { continue }
            var entry = Entry(unit: cell(unitColumn), title: cell(titleColumn))
            if let year = cell(yearColumn) {
                entry.year = CollectionReader.year(year)
                if entry.year == nil { problems.append("row \(n + 1): year “\(year)” is not a year") }
            }
            entries.append((normalize(path), entry, n + 1))
        }
        return MetadataFile(entries: entries, problems: problems, hash: ContentHash.hex(of: data))
    }

    /// `a\b.txt`, `./a/b.txt` → `a/b.txt`.
    static func normalize(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// The entries keyed by the file path (or `file#row`) they apply to, given the files of
    /// the folder. Rows naming no file, or a bare name several files share, become problems.
    func resolve(against files: [String]) -> (entries: [String: Entry], problems: [String]) {
        let known = Set(files)
        var byName: [String: [String]] = [:]
        for file in files { byName[(file as NSString).lastPathComponent, default: []].append(file) }
        var resolved: [String: Entry] = [:]
        var problems = self.problems
        for (path, entry, line) in entries {
            let (file, row) = Self.splitRow(path)
            if known.contains(file) {
                resolved[path] = entry
            } else if !file.contains("/"), let matches = byName[file] {
                if matches.count == 1 {
                    resolved[matches[0] + (row.map { "#\($0)" } ?? "")] = entry
                } else {
                    problems.append("row \(line): “\(path)” names \(matches.count) files; give its path")
                }
            } else {
                problems.append("row \(line): no file “\(path)”")
            }
        }
        return (resolved, problems)
    }

    /// "laws.csv#12" → ("laws.csv", 12); other paths have no row.
    static func splitRow(_ path: String) -> (file: String, row: Int?) {
        guard let hash = path.lastIndex(of: "#"), let row = Int(path[path.index(after: hash)...]) else {
            return (path, nil)
        }
        return (String(path[..<hash]), row)
    }
}
