import Foundation

/// Reads one file format into report text: the only part of indexing that differs by format.
///
/// A reader gets the file's bytes (already read, size-checked and hashed) and returns one
/// ``ExtractedDocument`` per report: one for a document, one per row for a collection. It
/// throws a ``BaogaoError`` whose message says why the file cannot be indexed ("encrypted
/// Word file", "pdftotext is not installed …"); the file is then skipped and reported.
///
/// ```swift
/// let reader = ReportFormats.reader(forExtension: "docx")!
/// let documents = try reader.read(ReportSource(data: data, url: url, path: "a.docx"))
/// ```
protocol ReportFormatReader: Sendable {
    /// The lower-case file extensions this reader takes, without the dot.
    static var extensions: Set<String> { get }

    /// Extracts the reports of one file.
    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument]
}

/// One file handed to a ``ReportFormatReader``.
struct ReportSource: Sendable {
    /// The file's bytes.
    var data: Data
    /// Where the file is, for readers that hand it to another program (pdftotext).
    var url: URL
    /// The path relative to the indexed folder, for messages.
    var path: String
}

/// The formats Baogao reads, and the ones it names but cannot read.
///
/// ```swift
/// ReportFormats.reader(forExtension: "htm")     // HTMLReader
/// ReportFormats.unsupportedReason("doc")       // "Word 97–2003 (.doc) is not supported: …"
/// ```
enum ReportFormats {
    /// A reader for each supported extension.
    static func reader(forExtension ext: String, options: ReadingOptions = ReadingOptions()) -> (any ReportFormatReader)? {
        switch ext.lowercased() {
        case let e where PlainTextReader.extensions.contains(e): return PlainTextReader()
        case let e where DocxReader.extensions.contains(e): return DocxReader()
        case let e where PDFReader.extensions.contains(e): return PDFReader(pdftotext: options.pdftotext, ocr: options.ocr)
        case let e where ImageReader.extensions.contains(e): return ImageReader(ocr: options.ocr)
        case let e where HTMLReader.extensions.contains(e): return HTMLReader()
        case let e where CollectionReader.extensions.contains(e): return CollectionReader(columns: options.columns)
        default: return nil
        }
    }

    /// Every extension a reader takes.
    static let readable: Set<String> = PlainTextReader.extensions
        .union(DocxReader.extensions).union(PDFReader.extensions)
        .union(HTMLReader.extensions).union(CollectionReader.extensions).union(ImageReader.extensions)

    /// Formats that are recognised but not read: such files are reported, never dropped silently.
    static func unsupportedReason(_ ext: String) -> String? {
        switch ext.lowercased() {
        case "doc": return "Word 97–2003 (.doc) is not supported: save it as .docx (Word: File › Save As › Word Document)"
        case "wps": return "WPS (.wps) is not supported: save it as .docx (WPS: 文件 › 另存为 › Word 文档)"
        case "rtf": return "RTF is not supported: save it as .docx"
        case "odt": return "OpenDocument text (.odt) is not supported: save it as .docx"
        default: return nil
        }
    }

    /// Whether the extension belongs to a collection (one report per row).
    static func isCollection(_ ext: String) -> Bool {
        CollectionReader.extensions.contains(ext.lowercased())
    }
}
