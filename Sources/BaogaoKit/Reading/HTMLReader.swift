import Foundation

/// Reads saved web pages (.html, .htm): the page decoded with its declared charset
/// (``HTMLCharset``), its visible text and headings extracted (``HTMLText``).
///
/// ```swift
/// let doc = try HTMLReader().read(source).first!
/// doc.headingLevels   // [3: 2] — an <h2> on line 3
/// ```
struct HTMLReader: ReportFormatReader {
    static let extensions: Set<String> = ["html", "htm", "xhtml", "shtml"]

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        let decoded = try HTMLCharset.decode(source.data)
        var document = ExtractedDocument(encoding: "HTML, " + decoded.encoding.rawValue,
                                         note: PlainTextReader.note(for: decoded))
        for line in HTMLText.extract(decoded.text) {
            document.append(line.text, headingLevel: line.level)
        }
        return [document]
    }
}
