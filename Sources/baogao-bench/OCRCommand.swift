import ArgumentParser
import BaogaoKit
import BaogaoTestSupport
import Foundation

/// `baogao-bench ocr`: what OCR costs. Makes a mixed folder — the text reports of `--source`
/// and scans of them (image-only PDFs and PNG pages, rendered at 200 dpi as the OCR tests make
/// them) — and indexes it three times in this process: without OCR, with OCR and an empty
/// cache, and rebuilt with the cache full. Prints seconds per page and OCR's share of the time.
struct OCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Time OCR: seconds per scanned page and its share of indexing a mixed folder."
    )

    @Option(help: "Scanned pages to make.") var pages = 6
    @Option(help: "The folder of text reports to copy and scan.") var source = "corpus"

    func run() throws {
        guard let scans = Scans.available() else { throw ValidationError("OCR cannot run here (see above)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("baogao-bench-ocr-\(UUID().uuidString)")
        let folder = work.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let texts = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
        var textBytes = 0
        for name in texts {
            let data = try Data(contentsOf: URL(fileURLWithPath: source).appendingPathComponent(name))
            try data.write(to: folder.appendingPathComponent(name))
            textBytes += data.count
        }
        var made = 0
        for (n, name) in texts.enumerated() where made < pages {
            let text = try String(contentsOf: URL(fileURLWithPath: source).appendingPathComponent(name), encoding: .utf8)
            let blocks = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
                .map { (text: $0, isHeading: $0.count < 20) }
            var pdf = Scans.textPDF(blocks)
            pdf.pages = Array(pdf.pages.prefix(min(2, pages - made)))
            if n % 2 == 0 {
                try scans.imageOnlyPDF(of: pdf, scratch: work).data().write(to: folder.appendingPathComponent("scan-\(n).pdf"))
            } else {
                _ = try scans.images(of: pdf, format: .png, in: folder, name: "scan-\(n)")
            }
            made += pdf.pages.count
        }

        func timed(_ name: String, _ options: IndexOptions) throws -> (seconds: Double, summary: IndexSummary) {
            let started = Date()
            let summary = try Indexer.index(folder: folder, into: work.appendingPathComponent(name), options: options)
            return (Date().timeIntervalSince(started), summary)
        }
        var never = IndexOptions()
        never.ocr = .never
        let plain = try timed("never.sqlite", never)
        let ocr = try timed("ocr.sqlite", IndexOptions())
        let cached = try timed("ocr.sqlite", IndexOptions(rebuild: true))
        let read = max(1, ocr.summary.ocrPages)

        print("mixed folder: \(texts.count) text reports (\(textBytes / 1000) KB) and \(made) scanned pages, "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("| run | seconds | pages OCR'd | from cache |")
        print("|---|---|---|---|")
        print("| without OCR (--ocr never) | \(Format.fixed(plain.seconds, 2)) | 0 | 0 |")
        print("| OCR, empty cache | \(Format.fixed(ocr.seconds, 2)) | \(ocr.summary.ocrPages) | \(ocr.summary.ocrCachedPages) |")
        print("| OCR, --rebuild with the cache | \(Format.fixed(cached.seconds, 2)) | \(cached.summary.ocrPages) | \(cached.summary.ocrCachedPages) |")
        print("seconds a page: \(Format.fixed(ocr.summary.ocrSeconds / Double(read), 2)) of work each, "
              + "\(Format.fixed((ocr.seconds - plain.seconds) / Double(read), 2)) of wall time with pages in parallel")
        print("OCR's share of the indexing time: \(Format.fixed(100 * (ocr.seconds - plain.seconds) / ocr.seconds, 1))%")
    }
}
