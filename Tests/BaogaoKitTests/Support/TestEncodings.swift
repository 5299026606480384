import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Encodes test text the way other tools would have written it, so that decoding tests can
/// start from a `String` and need no fixture files.
enum TestEncodings {
    static func utf8(_ text: String) -> Data { Data(text.utf8) }

    static func utf8WithBOM(_ text: String) -> Data { Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8) }

    /// UTF-16 with its byte-order mark (unless `bom` is false).
    static func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> Data {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return Data(bytes)
    }

    /// GB18030 through iconv (UTF-8 → GB18030), the inverse of what the decoder does.
    /// Empty data if iconv cannot convert; `gb18030HelperEncodesKnownBytes` checks it can.
    static func gb18030(_ text: String) -> Data {
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
        guard let written else { return Data() }
        return Data(output[..<written])
    }
}
