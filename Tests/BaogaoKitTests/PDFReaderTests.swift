import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// PDFs through the real pdftotext (skipped, with the reason printed, where it is missing).
struct PDFReaderTests {
    static var pdftotext: URL? {
        let tool = PDFReader.findPdftotext()
        if tool == nil { print("skipped: pdftotext is not installed (apt-get install poppler-utils)") }
        return tool
    }

    @Test func paragraphsSurvivePageBreaksAndPageNumbers() throws {
        guard Self.pdftotext != nil else { return }
        var pdf = PDFBuilder()
        pdf.text("一、总体情况", x: 72, y: 760)
        pdf.text("今年以来，我局坚持以习近平新时代中国特色社会主义思想为指", x: 96, y: 740)
        pdf.text("导，全面推进乡村振兴，各项工作取得明显成效，群众满意度不断", x: 72, y: 722)
        pdf.text("- 1 -", x: 280, y: 60)
        pdf.newPage()
        pdf.text("提高。", x: 72, y: 760)
        pdf.text("二、主要做法", x: 72, y: 730)
        pdf.text("- 2 -", x: 280, y: 60)
        let report = try readReport(pdf.data(), named: "report.pdf")
        #expect(view(report).map(\.text) == [
            "一、总体情况",
            "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴，各项工作取得明显成效，群众满意度不断提高。",
            "二、主要做法",
        ])
        #expect(report.encoding == "pdf")
    }

    @Test func damagedPDFsAreRefused() throws {
        guard Self.pdftotext != nil else { return }
        var pdf = PDFBuilder()
        pdf.text("一、总体情况", x: 72, y: 760)
        let data = pdf.data()
        #expect(throws: BaogaoError.self) { try readFile(data.prefix(data.count / 2), named: "truncated.pdf") }
        do {
            _ = try readFile(data.prefix(data.count / 2), named: "truncated.pdf")
        } catch let error as BaogaoError {
            #expect(error.message.contains("damaged or truncated PDF"), "\(error.message)")
        }
        #expect(throws: BaogaoError("not a PDF file (no %PDF header)")) {
            try readFile(Data("hello".utf8), named: "fake.pdf")
        }
        var empty = PDFBuilder()
        empty.text("", x: 72, y: 760)
        #expect(throws: BaogaoError("no text in the PDF (blank pages)")) {
            try readFile(empty.data(), named: "scan.pdf")
        }
    }

    @Test func withoutPdftotextPDFsAreSkippedNamingThePackage() throws {
        var pdf = PDFBuilder()
        pdf.text("一、总体情况", x: 72, y: 760)
        #expect(throws: BaogaoError(PDFReader.missingTool)) {
            try readFile(pdf.data(), named: "a.pdf", options: ReadingOptions(pdftotext: nil))
        }
        #expect(PDFReader.missingTool.contains("poppler-utils"))
    }
}
