import Foundation

/// Reads collections — .csv and .jsonl files holding one report per row — into one
/// ``ExtractedDocument`` per row, numbered from 1 (a CSV's header row is not counted), so
/// that row 12 of laws.csv is shown as `laws.csv#12`.
///
/// The text column becomes the report's text; unit, year and title columns, when present,
/// are stated facts that win over inference (see ``ColumnMapping``). Rows without text are
/// left out, and counted in the note.
///
/// ```swift
/// let rows = try CollectionReader(columns: ColumnMapping()).read(source)
/// rows[0].row            // 1
/// rows[0].stated.unit    // "河南省"
/// ```
struct CollectionReader: ReportFormatReader {
    static let extensions: Set<String> = ["csv", "tsv", "jsonl", "ndjson"]

    var columns: ColumnMapping

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        let decoded = try PlainTextReader.decode(source.data)
        let ext = (source.path as NSString).pathExtension.lowercased()
        var rows: [(number: Int, values: [ColumnMapping.Field: String])] = []
        var problems: [String] = []
        if ext == "jsonl" || ext == "ndjson" {
            rows = try jsonLines(decoded.text, file: source.path, problems: &problems)
        } else {
            rows = try csvRows(decoded.text, file: source.path)
        }

        var documents: [ExtractedDocument] = []
        var empty = 0
        for row in rows {
            guard let text = row.values[.text], text.unicodeScalars.contains(where: { !ExplicitHeadings.isSpace($0) }) else {
                empty += 1
                continue
            }
            var document = ExtractedDocument(encoding: decoded.encoding.rawValue)
            document.append(text)
            document.row = row.number
            if let unit = clean(row.values[.unit]) { document.stated.unit = unit; document.stated.unitSource = .column }
            if let year = row.values[.year].flatMap(Self.year) { document.stated.year = year; document.stated.yearSource = .column }
            if let title = clean(row.values[.title]) { document.stated.title = title; document.stated.titleSource = .column }
            documents.append(document)
        }
        if empty > 0 { problems.append("\(empty) row\(empty == 1 ? "" : "s") without text left out") }
        let note = ([PlainTextReader.note(for: decoded)].compactMap { $0 } + problems).joined(separator: "; ")
        if !note.isEmpty {
            if documents.isEmpty { throw BaogaoError(note) }
            documents[0].note = note
        }
        return documents
    }

    private func csvRows(_ text: String, file: String) throws(BaogaoError) -> [(number: Int, values: [ColumnMapping.Field: String])] {
        let records = CSVTable.records(text)
        guard let header = records.first else { return [] }
        let positions = try columns.resolve(header: header, file: file)
        return records.dropFirst().enumerated().map { n, record in
            var values: [ColumnMapping.Field: String] = [:]
            for (field, i) in positions where i < record.count { values[field] = record[i] }
            return (n + 1, values)
        }
    }

    private func jsonLines(_ text: String, file: String, problems: inout [String]) throws(BaogaoError)
        -> [(number: Int, values: [ColumnMapping.Field: String])] {
        var rows: [(number: Int, values: [ColumnMapping.Field: String])] = []
        var invalid: [Int] = []
        var positions: [ColumnMapping.Field: String]? = nil
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                invalid.append(number)
                continue
            }
            let keys = Array(object.keys).sorted()
            if positions == nil {
                // The keys of the first object decide the mapping, as a CSV header would.
                let resolved = try columns.resolve(header: keys, file: file)
                positions = resolved.mapValues { keys[$0] }
            }
            var values: [ColumnMapping.Field: String] = [:]
            for (field, key) in positions! {
                let value = object[key] ?? object.first { ColumnMapping.normalize($0.key) == ColumnMapping.normalize(key) }?.value
                switch value {
                case let string as String: values[field] = string
                case let number as NSNumber: values[field] = number.stringValue
                default: break
                }
            }
            rows.append((number, values))
        }
        if !invalid.isEmpty {
            let shown = invalid.prefix(5).map(String.init).joined(separator: ", ")
            problems.append("\(invalid.count) line\(invalid.count == 1 ? "" : "s") not a JSON object (line \(shown)\(invalid.count > 5 ? ", …" : ""))")
        }
        return rows
    }

    private func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = ExplicitHeadings.trimmed(value)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The first plausible year in a cell: "2021", "2021年", "2021-05-03".
    static func year(_ value: String) -> Int? {
        var digits = ""
        for c in value.unicodeScalars {
            if ("0"..."9").contains(c) {
                digits.unicodeScalars.append(c)
                continue
            }
            if digits.count == 4, let y = Int(digits), (1900...2100).contains(y) { return y }
            digits = ""
        }
        if digits.count == 4, let y = Int(digits), (1900...2100).contains(y) { return y }
        return nil
    }
}
