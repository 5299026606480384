import Foundation
import Testing
@testable import BaogaoKit

/// The folder scan's own pieces: a file name's extension, as Foundation gives it.
struct FolderScannerTests {
    @Test(arguments: ["报告.TXT", "a.tar.gz", "README", "file.", "a..b", "x.Docx", "2023年工作总结.md", "名.单.PDF",
                      "space name.html", "~$lock.docx", "中文。txt", "a.b c", "数据.CSV", "x.jsonl", "é.Ü", "..", "a.", "z"])
    func extensionsAreFoundationsLowercased(_ name: String) {
        #expect(FolderScanner.extensionOf(name) == (name as NSString).pathExtension.lowercased(), "\(name)")
    }
}
