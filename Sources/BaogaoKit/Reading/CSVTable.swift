/// Splits CSV text into records (RFC 4180): quoted fields may hold commas, quotes ("") and
/// line breaks; CRLF and LF both end a record. Pure.
///
/// The delimiter is a comma, or a tab when the first line holds tabs and no commas.
///
/// ```swift
/// CSVTable.records("path,title\n\"a,b.txt\",\"说\"\"明\"\"\"\n")
/// // [["path", "title"], ["a,b.txt", "说\"明\""]]
/// ```
enum CSVTable {
    static func records(_ text: String) -> [[String]] {
        let scalars = text.unicodeScalars
        let firstLine = scalars.prefix { $0 != "\n" }
        let delimiter: Unicode.Scalar = !firstLine.contains(",") && firstLine.contains("\t") ? "\t" : ","

        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var fieldStarted = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        func endRecord() {
            endField()
            // A blank line is no record.
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record = []
        }

        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted && field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case delimiter:
                endField()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
            case "\n":
                endRecord()
            case "\u{FEFF}" where records.isEmpty && record.isEmpty && field.isEmpty:
                continue
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        if fieldStarted || !field.isEmpty || !record.isEmpty { endRecord() }
        return records
    }
}
