import Foundation

/// Reads PDF reports through `pdftotext -layout` (Debian's poppler-utils), run as a separate
/// process with a time limit, and re-joins its lines into paragraphs (``PDFParagraphs``), each
/// with the page it starts on.
///
/// Pages without a text layer that hold an image (`pdfimages -list`) are scans: they are
/// rendered with `pdftoppm` and read with OCR (``OCRReading``), in parallel, at most
/// ``OCRReading/pageLimit`` a file; pages with text are never OCR'd. Without OCR, a PDF with no
/// text at all is skipped naming the package to install, and one with some scanned pages is
/// indexed with a note saying which were left out.
///
/// Without pdftotext, PDFs are skipped with a message naming the package to install;
/// damaged, truncated and encrypted PDFs are skipped with their reason.
///
/// ```swift
/// let reader = PDFReader(pdftotext: PDFReader.findPdftotext(), ocr: .success(ocr))
/// let doc = try reader.read(source).first!
/// ```
struct PDFReader: ReportFormatReader {
    static let extensions: Set<String> = ["pdf"]

    /// How long pdftotext may take for one PDF.
    static let timeout: TimeInterval = 120

    /// The message for PDFs when pdftotext is missing.
    static let missingTool = "PDF needs pdftotext, which is not installed: install poppler-utils "
        + "(Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"

    /// A page with fewer characters than this (a stamp, a page number) has no text layer.
    static let textLayerMinimum = 16

    /// The pdftotext program, or `nil` to skip every PDF.
    var pdftotext: URL?
    /// OCR for scanned pages, or why there is none.
    var ocr: Result<OCRReading, BaogaoError> = .failure(ReadingOptions.ocrOff)

    /// pdftotext on the PATH (or in the usual places), if installed.
    static func findPdftotext() -> URL? { ProcessRunner.find("pdftotext") }

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        guard let pdftotext else { throw BaogaoError(Self.missingTool) }
        guard source.data.starts(with: Array("%PDF".utf8)) || source.data.prefix(1024).range(of: Data("%PDF".utf8)) != nil else {
            throw BaogaoError("not a PDF file (no %PDF header)")
        }
        let result = try Self.run(pdftotext, ["-layout", "-enc", "UTF-8", source.url.path, "-"], timeout: Self.timeout)
        guard result.status == 0 else {
            let message = String(decoding: result.stderr, as: UTF8.self)
            if message.localizedCaseInsensitiveContains("password") {
                throw BaogaoError("encrypted PDF (a password is needed to open it)")
            }
            let detail = message.split(separator: "\n").last.map { ": " + $0 } ?? ""
            throw BaogaoError("damaged or truncated PDF (pdftotext failed\(detail))")
        }
        var pages = String(decoding: result.stdout, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.count > 1, pages.last!.allSatisfy(\.isWhitespace) { pages.removeLast() }

        var notes: [String] = []
        var ocrFailure: BaogaoError?
        var ocrRead = false
        let textless = pages.indices.filter { i in
            pages[i].unicodeScalars.lazy.filter { !ExplicitHeadings.isSpace($0) }.prefix(Self.textLayerMinimum).count
                < Self.textLayerMinimum
        }
        if !textless.isEmpty {
            let images = Self.imagePages(source.url, pdftotext: pdftotext)
            let scanned = textless.map { $0 + 1 }.filter { images[$0] != nil }
            switch ocr {
            case .failure(let why) where !scanned.isEmpty:
                ocrFailure = why
                notes.append("\(Self.describe(scanned)) scanned (no text layer) and not read: \(why.message)")
            case .success(let reading) where !scanned.isEmpty:
                guard let pdftoppm = ProcessRunner.find("pdftoppm") else {
                    throw BaogaoError("OCR of scanned PDF pages needs pdftoppm: install poppler-utils")
                }
                let chosen = scanned.prefix(reading.pageLimit).map { (page: $0, dpi: images[$0]!) }
                let results = reading.pdfPages(source.url, data: source.data, pages: Array(chosen), pdftoppm: pdftoppm)
                var failed: [Int] = []
                for (page, result) in results.sorted(by: { $0.key < $1.key }) {
                    switch result {
                    case .success(let text): pages[page - 1] = text; ocrRead = true
                    case .failure(let why): failed.append(page); ocrFailure = ocrFailure ?? why
                    }
                }
                if let ocrFailure, !failed.isEmpty {
                    notes.append("OCR failed on \(Self.describe(failed)): \(ocrFailure.message)")
                }
                if scanned.count > chosen.count {
                    notes.append("OCR read the first \(chosen.count) of \(scanned.count) scanned pages "
                                 + "(at most \(reading.pageLimit) a file); the rest are not searchable")
                }
            default: break
            }
        }

        let paragraphs = PDFParagraphs.paragraphs(pages.joined(separator: "\u{0C}"))
        guard !paragraphs.isEmpty else {
            if let ocrFailure, !ocrRead {
                throw BaogaoError("scanned PDF (no text layer) not read: \(ocrFailure.message)")
            }
            if case .success = ocr, textless.count == pages.count {
                throw BaogaoError("no text in the PDF (no text layer, and OCR found none\(notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")))")
            }
            throw BaogaoError("no text in the PDF (blank pages)")
        }
        var document = ExtractedDocument(encoding: ocrRead ? "pdf+ocr" : "pdf",
                                         note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        for paragraph in paragraphs { document.append(paragraph.text, page: paragraph.page) }
        return [document]
    }

    /// The pages that hold an image, with the resolution to render them at: the image's own
    /// (from 150 to 400 dpi), 300 when it does not say. Empty when pdfimages is missing or fails.
    static func imagePages(_ url: URL, pdftotext: URL) -> [Int: Int] {
        let pdfimages = ProcessRunner.find("pdfimages")
            ?? pdftotext.deletingLastPathComponent().appendingPathComponent("pdfimages")
        guard let result = try? ProcessRunner.run(pdfimages, ["-list", url.path], timeout: timeout, outputLimit: 64 << 20),
              result.status == 0 else { return [:] }
        var pages: [Int: Int] = [:]
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").dropFirst(2) {
            let f = line.split(separator: " ")
            guard f.count >= 14, let page = Int(f[0]), f[2] == "image" else { continue }
            let ppi = Int(f[12]) ?? 300
            pages[page] = max(pages[page] ?? 0, min(400, max(150, ppi)))
        }
        return pages
    }

    /// "page 3", "pages 2, 5 and 7", "pages 1–2,000".
    static func describe(_ pages: [Int]) -> String {
        guard pages.count > 1 else { return "page \(pages.first ?? 0)" }
        if pages.last! - pages.first! + 1 == pages.count { return "pages \(pages.first!)–\(pages.last!)" }
        if pages.count > 6 { return "\(pages.count) pages (\(pages.prefix(5).map(String.init).joined(separator: ", ")), …)" }
        return "pages " + pages.dropLast().map(String.init).joined(separator: ", ") + " and \(pages.last!)"
    }

    private static func run(_ program: URL, _ arguments: [String], timeout: TimeInterval) throws(BaogaoError) -> ProcessRunner.Result {
        do {
            return try ProcessRunner.run(program, arguments, timeout: timeout)
        } catch {
            switch error {
            case .cannotStart(let why): throw BaogaoError("pdftotext could not be started (\(why))")
            case .timedOut: throw BaogaoError("pdftotext took longer than \(Int(timeout)) seconds; stopped")
            case .tooMuchOutput: throw BaogaoError("pdftotext printed more than 256 MB; stopped")
            }
        }
    }
}
