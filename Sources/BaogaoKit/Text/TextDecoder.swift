import Foundation

/// The encodings Baogao recognises in report files.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// Why a file could not be decoded.
public struct DecodingFailure: Error, Sendable, Hashable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// Decodes the bytes of a report file into text.
public enum TextDecoder {
    public static func decode(_ data: Data) throws(DecodingFailure) -> (text: String, encoding: TextEncoding) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DecodingFailure(reason: "not valid UTF-8")
        }
        return (text, .utf8)
    }
}
