import Foundation

/// The encodings Baogao recognises in report files.
public enum TextEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
    /// UTF-8 with stretches of GBK/GB18030 bytes, as left by tools that pasted text from one
    /// into the other. Only ``TextDecoder/decodeLossy(_:)`` reports this.
    case utf8WithGB18030 = "UTF-8 + GB18030"
}

/// The text of a file, with the encoding it was read as.
public struct DecodedText: Sendable, Hashable {
    /// The decoded text, without any byte-order mark; line breaks as in the file.
    public var text: String
    public var encoding: TextEncoding
    /// How many bytes could not be decoded and were replaced by U+FFFD (one U+FFFD per
    /// byte). Always 0 from ``TextDecoder/decode(_:)``.
    public var replacedBytes: Int

    public init(text: String, encoding: TextEncoding, replacedBytes: Int = 0) {
        self.text = text
        self.encoding = encoding
        self.replacedBytes = replacedBytes
    }
}

/// Why a file could not be decoded.
public struct DecodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, so that callers can decide what to do next.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Not a text file at all (a known binary format, NUL bytes, control characters).
        /// Do not index it, not even lossily.
        case binary
        /// Text in an encoding Baogao does not read (UTF-32, UTF-16 without byte-order mark).
        case unsupported
        /// Text with bytes that are invalid in its encoding, or bytes of several encodings.
        /// ``TextDecoder/decodeLossy(_:)`` recovers what it can.
        case malformed
    }

    public var kind: Kind
    /// A short English sentence naming the problem, e.g. "binary file (looks like a PDF
    /// document)".
    public var reason: String

    public init(kind: Kind = .malformed, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}

/// Decodes the bytes of a report file into text.
///
/// Rules, in order:
/// 1. Empty data is empty UTF-8 text.
/// 2. A known binary signature (PDF, ZIP/Office, OLE/old Office, PNG, JPEG, GIF, gzip, …)
///    is a ``DecodingFailure/Kind/binary`` failure.
/// 3. A byte-order mark decides the encoding: UTF-8 (EF BB BF) or UTF-16 LE/BE (FF FE,
///    FE FF), strictly, the mark removed. UTF-32 marks are refused.
/// 4. Otherwise a NUL byte in the first 8 KB means binary.
/// 5. Valid UTF-8 is UTF-8. Data that is mostly UTF-8 but has invalid bytes (UTF-8 mixed
///    with GBK, or damaged) is a ``DecodingFailure/Kind/malformed`` failure, even when it
///    happens to be valid GB18030. Otherwise valid GB18030 (which includes GBK and GB2312)
///    is GB18030, unless it decodes to control characters, which means binary.
///
/// ``decodeLossy(_:)`` is the fallback for ``DecodingFailure/Kind/malformed`` files.
public enum TextDecoder {
    /// How many leading bytes are searched for NUL.
    static let binaryProbeLength = 8 * 1024

    /// Decodes `data` strictly: every byte must belong to the encoding found.
    public static func decode(_ data: Data) throws(DecodingFailure) -> DecodedText {
        if data.isEmpty { return DecodedText(text: "", encoding: .utf8) }
        let result = data.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { decodeStrictly($0) }
        }
        return try result.get()
    }

    /// Decodes `data` whatever it holds, replacing what cannot be decoded by U+FFFD.
    ///
    /// Strictly decodable data comes back as ``decode(_:)`` returns it. Otherwise, data with
    /// a UTF-16 mark is decoded as UTF-16 with bad units replaced; anything else is read run
    /// by run: UTF-8 where it is valid, GB18030 (a GBK pair or four-byte sequence) where it
    /// is not, U+FFFD for bytes that are neither. Files that are mostly GBK are read the
    /// other way round, GB18030 first, so that GBK pairs that happen to be valid UTF-8 stay
    /// Chinese.
    ///
    /// Meant for ``DecodingFailure/Kind/malformed`` failures: it does not refuse binary
    /// data, it turns it into noise.
    public static func decodeLossy(_ data: Data) -> DecodedText {
        if data.isEmpty { return DecodedText(text: "", encoding: .utf8) }
        return data.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { bytes in
                if case .success(let decoded) = decodeStrictly(bytes) { return decoded }
                return LossyDecoder.decode(bytes)
            }
        }
    }

    // MARK: - Strict decoding

    static func decodeStrictly(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText, DecodingFailure> {
        if let format = BinarySignature.match(bytes) {
            return .failure(DecodingFailure(kind: .binary, reason: "binary file (looks like \(format))"))
        }
        switch ByteOrderMark.match(bytes) {
        case .utf32LE:
            return .failure(DecodingFailure(
                kind: .unsupported, reason: "UTF-32LE text is not supported (convert it to UTF-8)"))
        case .utf32BE:
            return .failure(DecodingFailure(
                kind: .unsupported, reason: "UTF-32BE text is not supported (convert it to UTF-8)"))
        case .utf16LE:
            return decodeUTF16(bytes, bigEndian: false)
        case .utf16BE:
            return decodeUTF16(bytes, bigEndian: true)
        case .utf8:
            if let failure = nulFailure(bytes) { return .failure(failure) }
            let body = UnsafeBufferPointer(rebasing: bytes[3...])
            if let text = String(validating: body, as: UTF8.self) {
                return .success(DecodedText(text: text, encoding: .utf8BOM))
            }
            let problem = ByteScan.firstInvalidUTF8(body)!
            return .failure(DecodingFailure(
                reason: "UTF-8 byte-order mark, but not valid UTF-8 "
                    + describe(problem.offset + 3, truncated: problem.truncated, in: bytes)))
        case nil:
            if let failure = nulFailure(bytes) { return .failure(failure) }
            if let text = String(validating: bytes, as: UTF8.self) {
                return .success(DecodedText(text: text, encoding: .utf8))
            }
            // UTF-8 with stray GBK bytes can be valid GB18030 as a whole, since GB18030 takes
            // almost any pair of high bytes; reading it so would garble all of it. When most
            // non-ASCII bytes are valid UTF-8, the file is UTF-8 with damage: leave it to
            // decodeLossy.
            let evidence = ByteScan.utf8Evidence(bytes)
            if evidence.valid > evidence.invalid {
                let problem = ByteScan.firstInvalidUTF8(bytes)!
                return .failure(DecodingFailure(
                    reason: "mixed or damaged UTF-8 "
                        + describe(problem.offset, truncated: problem.truncated, in: bytes)))
            }
            return decodeGB18030(bytes)
        }
    }

    /// Strict GB18030 for data that is not UTF-8.
    private static func decodeGB18030(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText, DecodingFailure> {
        guard let converter = GB18030Converter() else {
            return .failure(DecodingFailure(
                kind: .unsupported,
                reason: "not valid UTF-8, and GB18030 cannot be checked (iconv has no GB18030 converter)"))
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        if let failure = converter.convert(bytes, appendingTo: &output) {
            // Name the problem of whichever encoding got further into the file: that one is
            // more likely what the file was meant to be.
            let utf8Problem = ByteScan.firstInvalidUTF8(bytes)!
            let gbProblem: (offset: Int, truncated: Bool)
            switch failure {
            case .invalid(let offset): gbProblem = (offset, false)
            case .truncated(let offset): gbProblem = (offset, true)
            case .system(let code):
                return .failure(DecodingFailure(
                    reason: "not valid UTF-8, and GB18030 conversion failed (iconv error \(code))"))
            }
            let problem = utf8Problem.offset >= gbProblem.offset ? utf8Problem : gbProblem
            return .failure(DecodingFailure(
                reason: "not valid UTF-8 or GB18030 text "
                    + describe(problem.offset, truncated: problem.truncated, in: bytes)))
        }
        // GB18030 maps almost any run of high bytes to some character, so binary data without
        // NUL can pass. Its ASCII-range bytes give it away: control bytes never occur inside a
        // GB18030 sequence, so counting them in the input counts control characters.
        var controls = 0
        for byte in bytes where ByteScan.isSuspiciousControl(UInt32(byte)) { controls += 1 }
        if ByteScan.tooManyControls(controls, of: bytes.count) {
            return .failure(DecodingFailure(
                kind: .binary,
                reason: "not text (decodes as GB18030 but has \(controls) control characters)"))
        }
        return .success(DecodedText(text: String(decoding: output, as: UTF8.self), encoding: .gb18030))
    }

    private static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> Result<DecodedText, DecodingFailure> {
        let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
        let bodyCount = bytes.count - 2
        if bodyCount % 2 != 0 {
            return .failure(DecodingFailure(
                reason: "truncated \(name) text (odd number of bytes, \(bytes.count))"))
        }
        let units = utf16Units(bytes, bigEndian: bigEndian)
        var controls = 0
        var k = 0
        while k < units.count {
            let unit = units[k]
            switch unit {
            case 0xD800...0xDBFF:
                if k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) {
                    k += 2
                    continue
                }
                fallthrough
            case 0xDC00...0xDFFF:
                return .failure(DecodingFailure(
                    reason: "invalid \(name) text (unpaired surrogate \(hex16(unit)) at offset \(2 + 2 * k))"))
            default:
                if ByteScan.isSuspiciousControl(UInt32(unit)) { controls += 1 }
                k += 1
            }
        }
        if ByteScan.tooManyControls(controls, of: units.count) {
            return .failure(DecodingFailure(
                kind: .binary, reason: "not text (decodes as \(name) but has \(controls) control characters)"))
        }
        let encoding: TextEncoding = bigEndian ? .utf16BE : .utf16LE
        return .success(DecodedText(text: String(decoding: units, as: UTF16.self), encoding: encoding))
    }

    /// The UTF-16 code units after the byte-order mark (an odd last byte is ignored).
    static func utf16Units(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt16] {
        let count = (bytes.count - 2) / 2
        return [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count {
                let first = UInt16(bytes[2 + 2 * k]), second = UInt16(bytes[3 + 2 * k])
                buffer[k] = bigEndian ? first << 8 | second : second << 8 | first
            }
            initialized = count
        }
    }

    /// A binary failure when the first 8 KB hold a NUL byte.
    private static func nulFailure(_ bytes: UnsafeBufferPointer<UInt8>) -> DecodingFailure? {
        let probe = UnsafeBufferPointer(rebasing: bytes.prefix(binaryProbeLength))
        guard let first = probe.firstIndex(of: 0) else { return nil }
        // UTF-16 without a byte-order mark: ASCII-heavy text puts NUL in every other byte.
        var nulsAtEven = 0, nulsAtOdd = 0
        for (offset, byte) in probe.enumerated() where byte == 0 {
            if offset % 2 == 0 { nulsAtEven += 1 } else { nulsAtOdd += 1 }
        }
        let nuls = nulsAtEven + nulsAtOdd
        if probe.count >= 4, nuls * 4 >= probe.count, max(nulsAtEven, nulsAtOdd) * 10 >= nuls * 9 {
            return DecodingFailure(
                kind: .unsupported,
                reason: "looks like UTF-16 text without a byte-order mark (not supported; save it as UTF-8)")
        }
        return DecodingFailure(kind: .binary, reason: "binary file (NUL byte at offset \(first))")
    }

    /// "(invalid byte 0xFF at offset 1234)" or "(truncated character at offset 1234, the end
    /// of the file)".
    private static func describe(_ offset: Int, truncated: Bool, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        if truncated {
            return "(truncated character at offset \(offset), the end of the file)"
        }
        return "(invalid byte \(hex8(bytes[offset])) at offset \(offset))"
    }

    private static func hex8(_ byte: UInt8) -> String {
        "0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    private static func hex16(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Byte-order marks at the start of a file.
enum ByteOrderMark: Equatable {
    case utf8, utf16LE, utf16BE, utf32LE, utf32BE

    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        func starts(_ prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && zip(prefix, bytes).allSatisfy { $0 == $1 }
        }
        // UTF-32LE before UTF-16LE: FF FE 00 00 starts with the UTF-16LE mark.
        if starts([0xFF, 0xFE, 0x00, 0x00]) { return .utf32LE }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return .utf32BE }
        if starts([0xEF, 0xBB, 0xBF]) { return .utf8 }
        if starts([0xFF, 0xFE]) { return .utf16LE }
        if starts([0xFE, 0xFF]) { return .utf16BE }
        return nil
    }
}

/// Signatures ("magic numbers") of binary formats that end up next to reports.
enum BinarySignature {
    private static let known: [(bytes: [UInt8], format: String)] = [
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive or .docx/.xlsx/.pptx document"),
        ([0x50, 0x4B, 0x05, 0x06], "an empty ZIP archive"),
        ([0x50, 0x4B, 0x07, 0x08], "a ZIP archive"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an old Office document (.doc/.xls/.ppt)"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF87a".utf8), "a GIF image"),
        (Array("GIF89a".utf8), "a GIF image"),
        ([0x1F, 0x8B], "a gzip archive"),
        (Array("Rar!".utf8) + [0x1A, 0x07], "a RAR archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        (Array("SQLite format 3".utf8) + [0x00], "an SQLite database"),
    ]

    /// A description of the format `bytes` start with, if it is a known binary one.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for (signature, format) in known
        where bytes.count >= signature.count && zip(signature, bytes).allSatisfy({ $0 == $1 }) {
            return format
        }
        return nil
    }
}
