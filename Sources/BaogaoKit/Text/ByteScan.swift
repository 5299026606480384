/// Byte-level checks shared by the strict and the lossy decoder, and the one UTF-8 scalar
/// decoder of the tokenizer and of folding.
///
/// They look at one sequence at a time and never copy: the decoders call them on the raw
/// bytes of a file.
enum ByteScan {
    /// What starts at a byte offset, for one encoding.
    enum Step: Equatable {
        /// A well-formed sequence of this many bytes.
        case valid(Int)
        /// The bytes here cannot start a character.
        case invalid
        /// A well-formed start cut off by the end of the data.
        case truncated
    }

    // MARK: UTF-8

    /// The UTF-8 sequence at `i`, checked as the Unicode standard requires (Table 3-7): no
    /// overlong forms, no surrogates, nothing beyond U+10FFFF.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Step {
        let b0 = bytes[i]
        if b0 < 0x80 { return .valid(1) }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return .invalid
        }
        for k in 1..<length {
            guard i + k < bytes.count else { return .truncated }
            let range: ClosedRange<UInt8> = k == 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[i + k]) else { return .invalid }
        }
        return .valid(length)
    }

    /// The scalar whose UTF-8 sequence starts at `i`, and its length in bytes; decoded
    /// leniently (no check for overlong forms or surrogates, which ``utf8(_:at:)`` makes), for
    /// text already decoded or scanned where one bad byte is skipped: `nil` with length 1
    /// where no sequence starts. Three-byte sequences (CJK) are tried first.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32?, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let count = bytes.count
        @inline(__always) func continuation(_ k: Int) -> UInt32? {
            guard i + k < count else { return nil }
            let b = bytes[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 & 0xF0 == 0xE0, let c1 = continuation(1), let c2 = continuation(2) {
            return ((b0 & 0x0F) << 12 | c1 << 6 | c2, 3)
        }
        if b0 & 0xE0 == 0xC0, let c1 = continuation(1) {
            return ((b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 & 0xF8 == 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (nil, 1)
    }

    /// The first offset where `bytes` stop being UTF-8, and whether the problem is a
    /// sequence cut off by the end; `nil` when all of `bytes` is valid UTF-8.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, truncated: Bool)? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var i = 0
        while i < count {
            // Skip ASCII eight bytes at a time: reports are mostly ASCII or three-byte CJK.
            if i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            switch utf8(bytes, at: i) {
            case .valid(let length): i += length
            case .invalid: return (i, false)
            case .truncated: return (i, true)
            }
        }
        return nil
    }

    /// How many non-ASCII bytes form valid multi-byte UTF-8 sequences, and how many do not.
    ///
    /// Tells UTF-8 with a few foreign bytes (mostly valid) from GBK, where only about one
    /// pair in ten is valid UTF-8 by chance.
    static func utf8Evidence(_ bytes: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            if case .valid(let length) = utf8(bytes, at: i) {
                valid += length
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return (valid, invalid)
    }

    // MARK: GB18030

    /// The shape of the GB18030 sequence at `i`: one byte (ASCII), two bytes (lead 0x81–0xFE,
    /// trail 0x40–0x7E or 0x80–0xFE, the GBK range) or four bytes (lead, 0x30–0x39,
    /// 0x81–0xFE, 0x30–0x39). Whether a well-formed sequence is mapped is iconv's business.
    static func gb18030(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Step {
        let b0 = bytes[i]
        if b0 < 0x80 { return .valid(1) }
        guard b0 != 0x80, b0 != 0xFF else { return .invalid }
        guard i + 1 < bytes.count else { return .truncated }
        let b1 = bytes[i + 1]
        switch b1 {
        case 0x40...0x7E, 0x80...0xFE:
            return .valid(2)
        case 0x30...0x39:
            guard i + 2 < bytes.count else { return .truncated }
            guard (0x81...0xFE).contains(bytes[i + 2]) else { return .invalid }
            guard i + 3 < bytes.count else { return .truncated }
            guard (0x30...0x39).contains(bytes[i + 3]) else { return .invalid }
            return .valid(4)
        default:
            return .invalid
        }
    }

    // MARK: Text sanity

    /// Whether `count` is a suspicious number of control characters for text of `total`
    /// characters: more than three and more than 2 % of the text. Real reports have none
    /// besides tab, line feed, carriage return and form feed; binary data has about one
    /// in nine.
    static func tooManyControls(_ count: Int, of total: Int) -> Bool {
        count > 3 && count * 50 > total
    }

    /// Whether a character (as a scalar value) counts as a control character for
    /// ``tooManyControls(_:of:)``: C0 controls and DEL, except tab, LF, FF and CR.
    @inline(__always)
    static func isSuspiciousControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0C && value != 0x0D) || value == 0x7F
    }
}
