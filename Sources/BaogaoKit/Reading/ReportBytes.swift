import Foundation

/// Reads bytes as the reports of a file of a given name, through the same readers and
/// pipeline as `baogao index`, without touching the disk (PDFs aside: they need pdftotext
/// and a file). For fuzzing the readers, and for tools that hold a file in memory.
///
/// ```swift
/// let reports = try ReportBytes.read(Data("<h2>总体情况</h2><p>乡村振兴。</p>".utf8), named: "a.html")
/// reports[0].sections.map(\.heading)   // ["总体情况"]
/// ```
public enum ReportBytes {
    /// The structure of each report in `data` (one, or one per row of a collection), read as
    /// a file called `name`. Throws the reason a file like it would be skipped for.
    public static func read(_ data: Data, named name: String) throws(BaogaoError) -> [DocumentStructure] {
        if PDFReader.extensions.contains((name as NSString).pathExtension.lowercased()) {
            throw BaogaoError("PDFs are read through pdftotext, from a file")
        }
        let file = FoundFile(url: URL(fileURLWithPath: "/nonexistent").appendingPathComponent(name), relativePath: name,
                             size: Int64(data.count), modified: 0)
        let parsed = try ReportReader.parse(data, file: file, options: ReadingOptions(pdftotext: nil), metadata: [:])
        return parsed.reports.map(\.structure)
    }
}
