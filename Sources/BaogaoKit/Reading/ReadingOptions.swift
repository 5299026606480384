import Foundation

/// Choices that change how files are read, shared by every reader of one run.
///
/// ```swift
/// let options = ReadingOptions(columns: try ColumnMapping(parsing: ["text=full_text", "unit=province"]))
/// ```
struct ReadingOptions: Sendable {
    /// Which columns of a .csv/.jsonl collection hold the text, unit, year and title.
    var columns = ColumnMapping()
    /// The pdftotext program, or `nil` when it is not installed (PDFs are then skipped).
    var pdftotext: URL? = PDFReader.findPdftotext()
    /// The names units go by (built-in short forms and the folder's units.csv).
    var aliases = UnitAliases()
    /// OCR for scanned pages and images, or why there is none ("OCR is off (--ocr never)",
    /// "OCR needs tesseract, which is not installed: …"): scans are then skipped with it.
    var ocr: Result<OCRReading, BaogaoError> = .failure(ReadingOptions.ocrOff)

    static let ocrOff = BaogaoError("OCR is off (--ocr never)")
}
