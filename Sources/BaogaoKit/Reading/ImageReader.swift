/// Reads images of pages (photos, scans: .png .jpg .jpeg .tif .tiff .bmp .webp) with OCR.
///
/// The image's size is checked from its header first (``ImageHeader``); Tesseract then reads
/// it (``OCRReading``, through the cache) and its lines are joined into paragraphs as a PDF's
/// are (``PDFParagraphs``). A multi-page TIFF has pages; a single image has none. Without OCR
/// the image is skipped with the reason (the package to install); an image with no text is
/// skipped as such.
///
/// ```swift
/// let reader = ImageReader(ocr: .success(ocr))
/// let doc = try reader.read(source).first!     // doc.text: "一、总体情况\n今年以来，…"
/// ```
struct ImageReader: ReportFormatReader {
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp"]

    var ocr: Result<OCRReading, BaogaoError>

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        let ocr: OCRReading
        switch self.ocr {
        case .success(let reading): ocr = reading
        case .failure(let why):
            _ = try ImageHeader.read(source.data)
            throw BaogaoError("image not read: \(why.message)")
        }
        let pages = try ocr.image(source.url, data: source.data)
        let paragraphs = PDFParagraphs.paragraphs(pages.joined(separator: "\u{0C}"))
        guard !paragraphs.isEmpty else { throw BaogaoError("no text found in the image by OCR") }
        var document = ExtractedDocument(encoding: "ocr")
        let paged = pages.count > 1
        for paragraph in paragraphs { document.append(paragraph.text, page: paged ? paragraph.page : nil) }
        return [document]
    }
}
