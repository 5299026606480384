import Foundation
import ZIPFoundation

/// A .docx whose document.xml inflates to `megabytes` MB of spaces from about 80 KB: far over
/// the reader's bound, so it must be refused before it is inflated.
///
/// ```swift
/// try ZipBomb.docx().write(to: folder.appendingPathComponent("bomb.docx"))
/// ```
public enum ZipBomb {
    public static func docx(megabytes: Int = 80) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(megabytes << 20),
                             compressionMethod: .deflate, bufferSize: 1 << 20) { _, n in chunk.prefix(n) }
        return archive.data!
    }
}
