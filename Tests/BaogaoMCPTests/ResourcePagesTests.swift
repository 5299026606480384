import BaogaoKit
import BaogaoTestSupport
@testable import BaogaoMCP
import Foundation
import Testing

/// `resources/list` pages through every report of the index, in the listing's order, each once.
struct ResourcePagesTests {
    @Test func thePagesHoldEveryReportOnce() throws {
        let root = TestFolders.root.appendingPathComponent("baogao-mcp-pages-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let count = ReportResources.pageSize * 2 + 30
        for n in 1...count {
            let name = "单位\(n % 7)_\(2015 + n % 9)_第\(n)号总结.txt"
            try Data("第\(n)号工作总结\n一、主要工作\n推进乡村振兴第\(n)项。\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let url = root.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)

        var names: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try ReportResources.list(index, cursor: cursor)
            #expect(page.resources.count == (page.nextCursor == nil ? count % ReportResources.pageSize : ReportResources.pageSize))
            names += page.resources.map(\.name)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(names == (try ReportCatalog(index: index).reports()).map(\.path))
        #expect(Set(names).count == count)
    }
}
