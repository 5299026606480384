import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// Scans made from the project's own reports (rendered with a Chinese font, some turned and
/// speckled, some wrapped in PDFs without a text layer), indexed through Tesseract, searched
/// for the 4-character phrases of the original text. Skipped, saying why, where Tesseract,
/// pdftoppm or the fonts are missing (`.ci/run` installs them).
@Suite(.serialized)
struct OCRIndexingTests {
    /// A report of the sample corpus and the opening of another: two pages, with headings
    /// (short lines) on both.
    static func sourceBlocks(characters: Int = 1_600) throws -> [(text: String, isHeading: Bool)] {
        var blocks: [(text: String, isHeading: Bool)] = []
        var total = 0
        for name in ["市生态环境局_2024_大气污染防治攻坚工作总结.txt", "县教育局_2022_工作总结.txt"] {
            let url = sampleCorpus.appendingPathComponent(name)
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where total < characters {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                blocks.append((text, text.count < 20))
                total += text.count
            }
        }
        return blocks
    }

    /// A fresh folder `root/reports` for scans, the index going into `root`.
    static func reportsFolder(_ name: String) throws -> (root: URL, folder: URL) {
        let root = try temporaryFolder(name)
        let folder = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (root, folder)
    }

    /// Every 4-character run of Chinese characters of the text, taken end to end.
    static func phrases(_ blocks: [(text: String, isHeading: Bool)]) -> [String] {
        var phrases: [String] = []
        for block in blocks {
            var run: [Unicode.Scalar] = []
            for scalar in block.text.unicodeScalars {
                if ScalarClass.of(scalar) == .ideograph {
                    run.append(scalar)
                    if run.count == 4 {
                        phrases.append(String(String.UnicodeScalarView(run)))
                        run = []
                    }
                } else {
                    run = []
                }
            }
        }
        return phrases
    }

    /// For each report, the share of `phrases` that a quoted search finds in it (counted per
    /// report, as `baogao units --by report` counts: identical passages of the other scans of
    /// the same text do not hide it).
    static func found(_ phrases: [String], index: URL) throws -> [String: Double] {
        let aggregator = Aggregator(index: try IndexDatabase.open(at: index))
        var found: [String: Int] = [:]
        for phrase in phrases {
            for row in try aggregator.aggregate(try SearchQuery(parsing: "\"\(phrase)\""), by: .report).rows {
                if let path = row.path { found[path, default: 0] += 1 }
            }
        }
        return found.mapValues { Double($0) / Double(phrases.count) }
    }

    @Test func scansAreSearchableAndReadOnlyOnce() throws {
        guard let scans = Scans.available() else { return }
        let (root, folder) = try Self.reportsFolder("baogao-ocr")
        let index = root.appendingPathComponent("index.sqlite")
        let blocks = try Self.sourceBlocks()
        let clean = Scans.textPDF(blocks)
        let worn = Scans.textPDF(blocks, rotation: 0.8, specks: 600)
        #expect(clean.pages.count == 2)

        // Clean 200-dpi pages: a PNG and a TIFF of the two pages, and an image-only PDF of both.
        let png = try scans.images(of: clean, format: .png, in: folder, name: "clean")
        try FileManager.default.removeItem(at: png[1])
        let tiff = try scans.images(of: clean, format: .tiff, in: root, name: "tiff")
        try FileManager.default.moveItem(at: tiff[1], to: folder.appendingPathComponent("clean-2.tif"))
        try scans.imageOnlyPDF(of: clean, scratch: root).data().write(to: folder.appendingPathComponent("clean.pdf"))
        // Turned by 0.8° and speckled: a JPEG of the first page, an image-only PDF of both.
        let jpeg = try scans.images(of: worn, format: .jpeg, in: root, name: "worn")
        try FileManager.default.moveItem(at: jpeg[0], to: folder.appendingPathComponent("worn-1.jpg"))
        try scans.imageOnlyPDF(of: worn, scratch: root).data().write(to: folder.appendingPathComponent("worn.pdf"))
        try Data("一、其他报告\n这是一份文字报告。\n".utf8).write(to: folder.appendingPathComponent("text.txt"))

        let first = try Indexer.index(folder: folder, into: index)
        #expect(first.skipped == [])
        #expect(first.added == 6)
        #expect(first.ocrPages == 7)
        #expect(first.ocrCachedPages == 0)

        let allPhrases = Self.phrases(blocks)
        let pageOneText = clean.pages[0].map(\.text).joined()
        let pageOne = allPhrases.filter { pageOneText.contains($0) }
        let rates = try Self.found(allPhrases, index: index)
        let cleanPDF = rates["clean.pdf", default: 0]
        let cleanImages = rates["clean-1.png", default: 0] + rates["clean-2.tif", default: 0]
        let wornPDF = rates["worn.pdf", default: 0]
        let wornJPEG = try Self.found(pageOne, index: index)["worn-1.jpg", default: 0]
        print(String(format: "OCR phrases found (%d four-character phrases): clean PDF %.1f%%, clean PNG+TIFF %.1f%% of the whole, "
                     + "turned and speckled PDF %.1f%%, JPEG page 1 %.1f%% (of %d); %.1f s of OCR for %d pages",
                     allPhrases.count, cleanPDF * 100, cleanImages * 100, wornPDF * 100, wornJPEG * 100, pageOne.count,
                     first.ocrSeconds, first.ocrPages))
        #expect(allPhrases.count >= 150)
        #expect(cleanPDF >= 0.9)
        #expect(cleanImages >= 0.9)
        #expect(wornPDF >= 0.8)
        #expect(wornJPEG >= 0.8)

        // Headings and pages: the numbered headings of the scanned PDF's second page are
        // headings of its outline, on page 2.
        let catalog = ReportCatalog(index: try IndexDatabase.open(at: index))
        let document = try catalog.document(path: "clean.pdf")
        let pageOf = Dictionary(uniqueKeysWithValues: document.passages.map { ($0.line, $0.page) })
        let headings = clean.pages[1].map(\.text).filter { PDFParagraphs.startsHeading(Substring($0)) && $0.count < 20 }
        #expect(headings.count >= 2)
        // As the index matches them: full-width brackets as ASCII ones, the closing 。 aside.
        func plain(_ text: String) -> String {
            String(text.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
                .trimmingCharacters(in: CharacterSet(charactersIn: "。")))
        }
        for heading in headings {
            let entry = document.outline.first { plain($0.heading) == plain(heading) }
            #expect(entry != nil, "\(heading) is not a heading of \(document.outline.map(\.heading))")
            #expect(entry.flatMap { pageOf[$0.line] ?? nil } == 2)
        }
        #expect(document.passages.first?.page == 1)

        // Never twice: not on the next run, not after --rebuild, not when moved and renamed.
        let second = try Indexer.index(folder: folder, into: index)
        #expect(second.unchanged == 6 && second.ocrPages == 0)
        let rebuilt = try Indexer.index(folder: folder, into: index, options: IndexOptions(rebuild: true))
        #expect(rebuilt.ocrPages == 0)
        #expect(rebuilt.ocrCachedPages == 7)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("moved"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("worn.pdf"),
                                         to: folder.appendingPathComponent("moved/renamed.pdf"))
        let moved = try Indexer.index(folder: folder, into: index)
        #expect(moved.added == 1 && moved.removed == 1)
        #expect(moved.ocrPages == 0 && moved.ocrCachedPages == 2)
        #expect(try Self.found(allPhrases, index: index)["moved/renamed.pdf"] == wornPDF)
        #expect(try consistencyProblems(index) == [])
    }

    @Test func aPDFWithTextOnSomePagesIsOCRdOnlyWhereTextIsMissing() throws {
        guard let scans = Scans.available() else { return }
        let (root, folder) = try Self.reportsFolder("baogao-ocr-mixed")
        let scanned = Scans.textPDF([("二、主要做法", true), ("持续深化大气污染防治攻坚，全面完成燃煤锅炉淘汰任务。", false)])
        let image = try scans.imageOnlyPDF(of: scanned, scratch: root).images[0]!

        var mixed = Scans.textPDF([("一、总体情况", true), ("全市空气质量持续改善，优良天数比例稳步提升。", false)])
        mixed.imagePage(image)
        try mixed.data().write(to: folder.appendingPathComponent("mixed.pdf"))

        let index = root.appendingPathComponent("index.sqlite")
        let summary = try Indexer.index(folder: folder, into: index)
        #expect(summary.skipped == [])
        #expect(summary.ocrPages == 1)
        let searcher = Searcher(index: try IndexDatabase.open(at: index))
        let first = try searcher.search(try SearchQuery(parsing: "优良天数"))
        #expect(first.hits.map(\.page) == [1])
        let second = try searcher.search(try SearchQuery(parsing: "燃煤锅炉淘汰"))
        #expect(second.hits.map(\.page) == [2])
        #expect(second.hits.first?.section == ["二、主要做法"])
    }

    @Test func badScansAreSkippedWithReasonsAndTheRestIndexes() throws {
        guard let scans = Scans.available() else { return }
        let (root, folder) = try Self.reportsFolder("baogao-ocr-bad")
        // A PNG whose header is sound and whose data is noise.
        var damaged = ImageHeaderTests.png(400, 300)
        damaged.append(Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        try damaged.write(to: folder.appendingPathComponent("damaged.png"))
        // 50,000 × 50,000 pixels, by its header.
        try ImageHeaderTests.png(50_000, 50_000).write(to: folder.appendingPathComponent("huge.png"))
        // A page with no text at all.
        let blank = try scans.images(of: PDFBuilder(font: .song), format: .png, in: folder, name: "blank")
        #expect(blank.count == 1)
        // 2,000 scanned blank pages.
        let small = try scans.images(of: PDFBuilder(font: .song), format: .jpeg, dpi: 10, in: root, name: "tiny")
        let jpeg = try Data(contentsOf: small[0])
        var thick = PDFBuilder()
        let (width, height, components) = try #require(Scans.jpegSize(jpeg))
        for _ in 0..<2_000 {
            thick.imagePage(PDFBuilder.ScanImage(jpeg: jpeg, width: width, height: height, gray: components == 1))
        }
        try thick.data().write(to: folder.appendingPathComponent("blank-2000.pdf"))
        try Data("一、总体情况\n扬尘污染治理取得成效。\n".utf8).write(to: folder.appendingPathComponent("good.txt"))

        var options = IndexOptions()
        options.ocrPageLimit = 3
        let index = root.appendingPathComponent("index.sqlite")
        let summary = try Indexer.index(folder: folder, into: index, options: options)
        let reasons = Dictionary(uniqueKeysWithValues: summary.skipped.map { ($0.path, $0.reason) })
        #expect(reasons.keys.sorted() == ["blank-1.png", "blank-2000.pdf", "damaged.png", "huge.png"])
        #expect(reasons["damaged.png"]?.hasPrefix("damaged image (tesseract could not read it") == true, "\(reasons)")
        #expect(reasons["huge.png"] == "image of 50000 × 50000 pixels is too large to OCR (at most 80 megapixels); scale it down")
        #expect(reasons["blank-1.png"] == "no text found in the image by OCR")
        #expect(reasons["blank-2000.pdf"] == "no text in the PDF (no text layer, and OCR found none; OCR read the first 3 of "
                + "2000 scanned pages (at most 3 a file); the rest are not searchable)")
        #expect(summary.ocrPages == 4)   // the blank PNG and 3 pages of the PDF
        #expect(summary.reports == 1)
        #expect(try hits("扬尘污染", in: index) == ["good.txt:2"])
        #expect(try consistencyProblems(index) == [])
    }

    @Test func withoutOCRScansAreSkippedSayingWhy() throws {
        guard let scans = Scans.available() else { return }
        let (root, folder) = try Self.reportsFolder("baogao-ocr-off")
        let page = Scans.textPDF([("一、总体情况", true), ("全市空气质量持续改善。", false)])
        _ = try scans.images(of: page, format: .png, in: folder, name: "scan")
        try scans.imageOnlyPDF(of: page, scratch: root).data().write(to: folder.appendingPathComponent("scan.pdf"))

        var options = IndexOptions()
        options.ocr = .never
        let summary = try Indexer.index(folder: folder, into: root.appendingPathComponent("index.sqlite"), options: options)
        #expect(summary.skipped == [
            SkippedFile(path: "scan-1.png", reason: "image not read: OCR is off (--ocr never)"),
            SkippedFile(path: "scan.pdf", reason: "scanned PDF (no text layer) not read: OCR is off (--ocr never)"),
        ])
        #expect(summary.ocrPages == 0)

        // Without Tesseract the reason names the packages to install.
        let reading = ReadingOptions(ocr: .failure(Tesseract.notInstalled))
        #expect(throws: BaogaoError("scanned PDF (no text layer) not read: " + Tesseract.notInstalled.message)) {
            try readFile(try Data(contentsOf: folder.appendingPathComponent("scan.pdf")), named: "scan.pdf", options: reading)
        }
        #expect(Tesseract.notInstalled.message.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"))
    }
}
