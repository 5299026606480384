import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes test text as GB18030 (a superset of GBK), as Windows tools save Chinese files.
///
/// ```swift
/// let bytes = GBKEncoder.encode("乡村振兴")   // 8 bytes
/// ```
public enum GBKEncoder {
    /// The GB18030 bytes of `text`; empty when iconv has no GB18030 converter.
    public static func encode(_ text: String) -> Data {
        guard let descriptor = iconv_open("GB18030", "UTF-8"), descriptor != iconv_t(bitPattern: -1) else {
            return Data()
        }
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { Data(output[..<$0]) } ?? Data()
    }
}
