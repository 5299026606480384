import Foundation

/// Reads PDF reports through `pdftotext -layout` (Debian's poppler-utils), run as a separate
/// process with a time limit, and re-joins its lines into paragraphs (``PDFParagraphs``).
///
/// Without pdftotext, PDFs are skipped with a message naming the package to install;
/// damaged, truncated and encrypted PDFs, and PDFs without a text layer, are skipped with
/// their reason.
///
/// ```swift
/// let reader = PDFReader(pdftotext: PDFReader.findPdftotext())
/// let doc = try reader.read(source).first!
/// ```
struct PDFReader: ReportFormatReader {
    static let extensions: Set<String> = ["pdf"]

    /// How long one PDF may take.
    static let timeout: TimeInterval = 120

    /// The message for PDFs when pdftotext is missing.
    static let missingTool = "PDF needs pdftotext, which is not installed: install poppler-utils "
        + "(Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"

    /// The pdftotext program, or `nil` to skip every PDF.
    var pdftotext: URL?

    /// pdftotext on the PATH (or in the usual places), if installed.
    static func findPdftotext() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("pdftotext")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        guard let pdftotext else { throw BaogaoError(Self.missingTool) }
        guard source.data.starts(with: Array("%PDF".utf8)) || source.data.prefix(1024).range(of: Data("%PDF".utf8)) != nil else {
            throw BaogaoError("not a PDF file (no %PDF header)")
        }
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run(pdftotext, ["-layout", "-enc", "UTF-8", source.url.path, "-"],
                                           timeout: Self.timeout)
        } catch {
            switch error {
            case .cannotStart(let why): throw BaogaoError("pdftotext could not be started (\(why))")
            case .timedOut: throw BaogaoError("pdftotext took longer than \(Int(Self.timeout)) seconds; stopped")
            case .tooMuchOutput: throw BaogaoError("pdftotext printed more than 256 MB; stopped")
            }
        }
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
            if message.localizedCaseInsensitiveContains("password") {
                throw BaogaoError("encrypted PDF (a password is needed to open it)")
            }
            let detail = message.split(separator: "\n").last.map { ": " + $0 } ?? ""
            throw BaogaoError("damaged or truncated PDF (pdftotext failed\(detail))")
        }
        let text = String(decoding: result.stdout, as: UTF8.self)
        let paragraphs = PDFParagraphs.join(text)
        guard !paragraphs.isEmpty else {
            throw BaogaoError("no text in the PDF (scanned pages? run OCR first)")
        }
        var document = ExtractedDocument(encoding: "pdf")
        for paragraph in paragraphs { document.append(paragraph) }
        return [document]
    }
}
