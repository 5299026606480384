import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// A folder full of bad files: each is reported and skipped, the run completes, the good
/// report is found, and the index stays consistent.
struct HostileFileTests {
    @Test func everyBadFileIsReportedAndTheRestIsIndexed() throws {
        let root = try temporaryFolder("baogao-hostile")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        var pdf = PDFBuilder()
        pdf.text("一、总体情况", x: 72, y: 760)
        let pdfData = pdf.data()
        try write([
            "good.txt": Data("一、总体情况\n万人助万企活动扎实开展。\n".utf8),
            "corrupt.docx": try HostileFiles.docx("corrupt"),
            "truncated.docx": try HostileFiles.docx("truncated"),
            "encrypted.docx": try HostileFiles.docx("encrypted"),
            "entities.docx": try HostileFiles.docx("dtd"),
            "bomb.docx": try HostileFiles.zipBomb(),
            "truncated.pdf": pdfData.prefix(pdfData.count / 2),
            "binary.txt": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
            "unreadable.txt": Data("不可读。\n".utf8),
            "old.doc": Data([0xD0, 0xCF, 0x11, 0xE0]),
            "old.wps": Data([0xD0, 0xCF, 0x11, 0xE0]),
        ], in: folder)
        chmod(folder.appendingPathComponent("unreadable.txt").path, 0)
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop.txt").path,
                                                   withDestinationPath: "loop.txt")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/up").path,
                                                   withDestinationPath: "..")
        defer { chmod(folder.appendingPathComponent("unreadable.txt").path, 0o644) }

        let summary = try Indexer.index(folder: folder, into: index)
        let reasons = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        var expected: [String: String] = [
            "corrupt.docx": "damaged .docx",
            "truncated.docx": "damaged .docx",
            "encrypted.docx": "encrypted",
            "entities.docx": "DTD",
            "bomb.docx": "zip bomb",
            "truncated.pdf": PDFReader.findPdftotext() == nil ? "poppler-utils" : "damaged or truncated PDF",
            "binary.txt": "binary file",
            "old.doc": "save it as .docx",
            "old.wps": "save it as .docx",
            "pipe.txt": "not a regular file",
            "loop.txt": "symbolic link",
            "sub/up": "symbolic link loops",
        ]
        if geteuid() != 0 {
            expected["unreadable.txt"] = "Permission denied"
        } else {
            print("running as root: chmod 000 does not stop reading, unreadable.txt is read")
        }
        for (path, reason) in expected {
            #expect(reasons[path]?.contains(reason) == true, "\(path): \(reasons[path] ?? "not reported")")
        }
        #expect(try hits("万人助万企", in: index) == ["good.txt:2"])
        #expect(try consistencyProblems(index) == [])

        // The next run reports them again and changes nothing.
        let again = try Indexer.index(folder: folder, into: index)
        #expect(Set(again.skipped.map(\.path)) == Set(summary.skipped.map(\.path)))
        #expect(!again.changedIndex)
    }

    @Test func mixedEncodingsAreIndexedWithANote() throws {
        let root = try temporaryFolder("baogao-hostile")
        let folder = root.appendingPathComponent("reports")
        let utf8 = Data("一、总体情况\n乡村振兴稳步推进，".utf8)
        let gbk = TestEncodings.gb18030("营商环境持续优化。")
        let body = Data(String(repeating: "全年工作稳步推进，各项任务圆满完成。\n", count: 20).utf8)
        // UTF-8 with a GBK stretch and one stray byte: decoded with the byte replaced.
        try write(["mixed.txt": utf8 + gbk + Data("\n".utf8) + body + Data([0xFF]) + Data("\n".utf8)], in: folder)
        let summary = try Indexer.index(folder: folder, into: root.appendingPathComponent("i.sqlite"))
        #expect(summary.added == 1)
        #expect(summary.remarks.map(\.path) == ["mixed.txt"])
        #expect(summary.remarks.first?.reason.contains("replaced") == true)
        #expect(try hits("营商环境", in: root.appendingPathComponent("i.sqlite")) == ["mixed.txt:2"])
    }
}
