import BaogaoTestSupport
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
    static func gb18030(_ text: String) -> Data { GBKEncoder.encode(text) }
}
