import Foundation
import Testing
@testable import BaogaoKit

/// Files deleted while the index runs (from the progress callback, so while workers read
/// ahead): each is reported with its reason, the rest is indexed, and the next run removes
/// whatever was indexed of them before they went.
struct DeletedMidRunTests {
    @Test func filesDeletedWhileIndexingAreReportedAndTheRestIsIndexed() throws {
        let root = try temporaryFolder("baogao-deleted")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        var files: [String: Data] = [:]
        for i in 0..<200 { files[String(format: "r%03d.txt", i)] = Data("一、总体情况\n第\(i)号报告：乡村振兴。\n".utf8) }
        try write(files, in: folder)
        // When the 20th file is written, the last 100 disappear: workers are only a few
        // files ahead, so these are read after they are gone.
        let doomed = (100..<200).map { String(format: "r%03d.txt", $0) }
        var options = IndexOptions(workers: 2)
        options.progress = { progress in
            if progress.filesDone == 20 {
                for name in doomed { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
            }
        }
        let summary = try Indexer.index(folder: folder, into: index, options: options)
        let skipped = Dictionary(summary.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(skipped.count >= 90, "\(skipped.count) reported")
        for (path, reason) in skipped {
            #expect(doomed.contains(path))
            #expect(reason.contains("No such file or directory"), "\(path): \(reason)")
        }
        #expect(summary.added + skipped.count == 200)
        #expect(try hits("第99号报告", in: index) == ["r099.txt:2"])
        #expect(try consistencyProblems(index) == [])

        let next = try Indexer.index(folder: folder, into: index)
        #expect(next.skipped.isEmpty)
        #expect(next.removed == 200 - 100 - skipped.count)
        #expect(try IndexSnapshot(index).reports.count == 100)
    }
}
