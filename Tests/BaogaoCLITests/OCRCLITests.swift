import BaogaoTestSupport
import Foundation
import Testing

/// `baogao index` on a folder with scans, as a user runs it: OCR counted in the progress and
/// the summary, read once, `--ocr never`, pages on hits.
struct OCRCLITests {
    @Test func scansAreReadOnceAndCounted() throws {
        guard let scans = Scans.available() else { return }
        let root = try temporaryFolder("baogao-cli-ocr")
        let folder = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = Scans.textPDF([("一、总体情况", true), ("全市新增造林绿化面积一万二千亩，森林覆盖率稳步提高。", false)])
        _ = try scans.images(of: page, format: .png, in: folder, name: "photo")
        try scans.imageOnlyPDF(of: page, scratch: root).data().write(to: folder.appendingPathComponent("scan.pdf"))

        let off = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--ocr", "never"], in: root)
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.stderr.contains("skipped reports/photo-1.png: image not read: OCR is off (--ocr never)"), "\(off.stderr)")
        #expect(off.stderr.contains("skipped reports/scan.pdf: scanned PDF (no text layer) not read: OCR is off (--ocr never)"))

        let indexed = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--progress"], in: root)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("pages OCR'd") || indexed.stderr.contains("page OCR'd"), "\(indexed.stderr)")
        #expect(indexed.stdout.contains("OCR: 2 pages read"), "\(indexed.stdout)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("r.sqlite-ocr").path))

        let found = try CLIRunner.run(["search", "绿化面积", "--index", "r.sqlite"], in: root)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("reports/scan.pdf:2 p.1\n"), "\(found.stdout)")
        #expect(found.stdout.contains("reports/photo-1.png:2\n"), "\(found.stdout)")
        #expect(found.stdout.contains("一、总体情况"))

        let rebuilt = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--rebuild"], in: root)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("OCR: 0 pages read"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("2 from the cache"), "\(rebuilt.stdout)")

        let wrong = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--ocr", "sometimes"], in: root)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("sometimes"), "\(wrong.stderr)")
    }
}
