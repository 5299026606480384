import Foundation
import Testing
@testable import BaogaoKit

/// The files a scan found, their paths in one buffer: each read back as it was added, in the
/// byte order of the paths when sorted, and a subset in the order asked.
struct FoundFilesTests {
    static let base = URL(fileURLWithPath: "/报告")
    static let added: [(String, Int64, Double)] = [
        ("2023/市XX办_工作总结.txt", 10, 1.5), ("a b.txt", 0, 0), ("a/b.txt", 7, 2.25),
        ("caf\u{E9}.md", 3, 3), ("cafe\u{301}.md", 4, 4), ("Z.txt", 5, 5), ("", 6, 6), ("县.txt", 1 << 40, -1),
    ]

    static func files() -> FoundFiles {
        var files = FoundFiles(base: base)
        for (path, size, time) in added { files.append(relativePath: path, size: size, modified: time) }
        return files
    }

    @Test func eachFileReadsBackAsAdded() {
        let files = Self.files()
        #expect(files.count == Self.added.count)
        for (i, (path, size, time)) in Self.added.enumerated() {
            // Byte for byte: é composed and e + accent stay two names.
            #expect(Array(files[i].relativePath.utf8) == Array(path.utf8))
            #expect(files[i].size == size && files[i].modified == time && files[i].base == Self.base)
            #expect(Array(files.pathBytes(at: i)) == Array(path.utf8))
        }
        #expect(files[0].url.path == "/报告/2023/市XX办_工作总结.txt")
    }

    @Test func sortedByPathIsByteOrderAndASubsetKeepsItsOrder() {
        let files = Self.files()
        let sorted = files.sortedByPath()
        #expect(sorted.map { Array($0.relativePath.utf8) }
                == Self.added.map { Array($0.0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(sorted.map(\.size) == sorted.map { file in Self.added.first { Array($0.0.utf8) == Array(file.relativePath.utf8) }!.1 })
        let subset = files.subset([5, 0, 5])
        #expect(subset.map(\.relativePath) == ["Z.txt", "2023/市XX办_工作总结.txt", "Z.txt"])
        #expect(subset.map(\.size) == [5, 10, 5])
        // Already in order: the same list, not a copy.
        #expect(sorted.sortedByPath().sharesPaths(with: sorted))
    }
}
