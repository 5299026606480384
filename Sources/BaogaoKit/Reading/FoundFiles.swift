import Foundation

/// The files a scan found, their paths' bytes in one buffer: about 20 bytes a file beside its
/// path's, where a ``FoundFile`` each (a `String` of its own and the fields beside it) took
/// about 130 (65 MB of a run over 532,250 files, held for the whole build).
///
/// Each element is made as it is read, as a ``FoundFile``.
///
/// ```swift
/// var files = FoundFiles(base: URL(filePath: "/reports"))
/// files.append(relativePath: "2023/报告.txt", size: 1_024, modified: 1.7e9)
/// files[0].url        // /reports/2023/报告.txt
/// ```
struct FoundFiles: RandomAccessCollection, Sendable {
    /// The folder every path is relative to.
    let base: URL
    private var bytes: [UInt8] = []
    /// Where each path ends in `bytes` (and the next starts).
    private var ends: [UInt32] = []
    private var sizes: [Int64] = []
    private var times: [Double] = []

    init(base: URL) {
        self.base = base
    }

    /// `files`, all found under the same folder.
    init(_ files: [FoundFile]) {
        self.init(base: files.first?.base ?? URL(fileURLWithPath: "/"))
        for file in files {
            precondition(file.base == base, "found files share their folder")
            append(relativePath: file.relativePath, size: file.size, modified: file.modified)
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    subscript(i: Int) -> FoundFile {
        FoundFile(base: base, relativePath: path(at: i), size: sizes[i], modified: times[i])
    }

    /// The path of file `i`, relative to ``base``.
    func path(at i: Int) -> String {
        String(decoding: pathBytes(at: i), as: UTF8.self)
    }

    /// The UTF-8 bytes of file `i`'s path.
    func pathBytes(at i: Int) -> ArraySlice<UInt8> {
        bytes[(i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])]
    }

    func size(at i: Int) -> Int64 { sizes[i] }
    func modified(at i: Int) -> Double { times[i] }

    mutating func append(relativePath: String, size: Int64, modified: Double) {
        bytes.append(contentsOf: relativePath.utf8)
        precondition(bytes.count <= Int(UInt32.max), "more than 4 GB of paths")
        ends.append(UInt32(bytes.count))
        sizes.append(size)
        times.append(modified)
    }

    /// The files at `positions`, in that order.
    func subset(_ positions: [Int]) -> FoundFiles {
        var out = FoundFiles(base: base)
        out.bytes.reserveCapacity(positions.reduce(0) { $0 + pathBytes(at: $1).count })
        out.ends.reserveCapacity(positions.count)
        out.sizes.reserveCapacity(positions.count)
        out.times.reserveCapacity(positions.count)
        for i in positions {
            out.bytes.append(contentsOf: pathBytes(at: i))
            out.ends.append(UInt32(out.bytes.count))
            out.sizes.append(sizes[i])
            out.times.append(times[i])
        }
        return out
    }

    /// The files in the byte order of their paths (``FolderScanner/precedes(_:_:)``).
    func sortedByPath() -> FoundFiles {
        let order = indices.sorted { pathBytes(at: $0).lexicographicallyPrecedes(pathBytes(at: $1)) }
        return order.elementsEqual(indices) ? self : subset(order)
    }

    /// Whether `other` holds its paths in the very buffer this one does (a copy not made).
    func sharesPaths(with other: FoundFiles) -> Bool {
        bytes.withUnsafeBufferPointer { mine in other.bytes.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress } }
    }
}
