import Foundation

/// Writes reports' metadata as a `metadata.csv` the user corrects and puts back at the root
/// of the folder: `path,unit,year,title`, UTF-8 with a byte-order mark so that Excel and WPS
/// open it right, cells quoted where needed. ``MetadataFile`` reads it back unchanged.
///
/// ```swift
/// let data = MetadataExport.csv(try catalog.reports())
/// ```
public enum MetadataExport {
    public static func csv(_ reports: [ReportInfo]) -> Data {
        var text = "\u{FEFF}path,unit,year,title\r\n"
        for report in reports {
            text += [report.path, report.unit ?? "", report.year.map(String.init) ?? "", report.title ?? ""]
                .map(cell).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// A cell, quoted when it holds a comma, quote, line break or surrounding space.
    static func cell(_ value: String) -> String {
        let needsQuotes = value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
