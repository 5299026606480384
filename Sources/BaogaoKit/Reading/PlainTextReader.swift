import Foundation

/// Reads .txt and .md reports: the bytes decoded (UTF-8, UTF-16, GB18030/GBK), lightly
/// damaged files lossily with a note.
///
/// ```swift
/// let doc = try PlainTextReader().read(source).first!
/// doc.encoding   // "GB18030"
/// ```
struct PlainTextReader: ReportFormatReader {
    static let extensions: Set<String> = ["txt", "md", "markdown", "text"]

    /// At most this share of a file's bytes may be replaced for it to be indexed anyway.
    static let maximumReplacedShare = 0.01

    func read(_ source: ReportSource) throws(BaogaoError) -> [ExtractedDocument] {
        let decoded = try Self.decode(source.data)
        return [ExtractedDocument(text: decoded.text, encoding: decoded.encoding.rawValue,
                                  note: Self.note(for: decoded))]
    }

    /// Strict decoding first; a malformed file whose damage is small is decoded lossily.
    static func decode(_ data: Data) throws(BaogaoError) -> DecodedText {
        do {
            return try TextDecoder.decode(data)
        } catch {
            guard error.kind == .malformed else { throw BaogaoError(error.reason) }
            let lossy = TextDecoder.decodeLossy(data)
            guard Double(lossy.replacedBytes) <= Double(data.count) * maximumReplacedShare else {
                throw BaogaoError(error.reason)
            }
            return lossy
        }
    }

    /// The remark for a file that was not cleanly decoded, or `nil`.
    static func note(for decoded: DecodedText) -> String? {
        if decoded.replacedBytes > 0 {
            let n = decoded.replacedBytes
            return "mixed or damaged encoding: \(n) undecodable byte\(n == 1 ? "" : "s") replaced with �"
        }
        return decoded.encoding == .utf8WithGB18030 ? "mixed encodings (UTF-8 and GB18030) decoded" : nil
    }
}
