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
        Data((header + reports.map(line).joined()).utf8)
    }

    /// The byte-order mark and the header line.
    public static let header = "\u{FEFF}path,unit,year,title\r\n"

    /// One report's line, its line break included: for a file written a report at a time.
    public static func line(_ report: ReportInfo) -> String {
        [report.path, report.unit ?? "", report.year.map(String.init) ?? "", report.title ?? ""]
            .map(cell).joined(separator: ",") + "\r\n"
    }

    /// A cell, quoted when it holds a comma, quote, line break or surrounding space.
    static func cell(_ value: String) -> String {
        let needsQuotes = value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
