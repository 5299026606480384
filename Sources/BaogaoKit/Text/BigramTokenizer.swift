/// Splits text into search tokens: overlapping bigrams for ideographs, whole words for
/// letters and digits. Pure: no SQLite, no allocation per token.
///
/// The contract is (token, byte range in the original UTF-8, position). Tokens are folded
/// (``ScalarFolding``); ranges always point into the original bytes. In a document every run
/// of ideographs yields its bigrams followed by one unigram of its last character:
///
/// ```swift
/// BigramTokenizer.tokens(in: "乡村振兴。5G", mode: .document).map(\.text)
/// // ["乡村", "村振", "振兴", "兴", "5g"]
/// ```
///
/// The closing unigram makes single-character search possible (every character starts a
/// bigram or is a closing unigram, so the prefix query `"党"*` finds all of them) and it takes
/// a position, so a phrase never matches across a run boundary: "乡村。村振兴" gives
/// 乡村 村 村振 振兴 兴, where 乡村 and 村振 are not adjacent. In ``Mode/query`` a run of two or
/// more characters yields its bigrams only, since the run may continue in the document.
///
/// Punctuation takes no position, so "校XX" and "校、XX" would give the same token sequence.
/// Where a word and an ideograph run touch with nothing between them, the first token after
/// the boundary is therefore emitted twice at the same position: as itself and, colocated, with
/// the ``glue`` mark in front. A term that holds such a boundary asks for the glued token:
///
/// ```swift
/// BigramTokenizer.tokens(in: "5G网络").map(\.text)  // ["5g", "网络", "\u{E000}网络", "络"]
/// ```
public enum BigramTokenizer {
    /// What the text is tokenized for.
    public enum Mode: Sendable {
        /// Text being indexed.
        case document
        /// One token string of a MATCH expression, as built by ``TermPlan``.
        case query
    }

    /// Bumped whenever the tokens of some text change; stored in every index.
    public static let version = 2

    /// The mark in front of a token that touches a run of the other kind (word ↔ ideograph)
    /// with nothing between them. A private-use character: never part of a token otherwise.
    public static let glue: Unicode.Scalar = "\u{E000}"
    static let glueBytes: [UInt8] = [0xEE, 0x80, 0x80]

    /// One token, for tests and tools. The hot path uses ``tokenize(_:mode:emit:)``.
    public struct Token: Sendable, Hashable, CustomStringConvertible {
        public var text: String
        /// Byte range in the original UTF-8 text.
        public var range: Range<Int>
        public var position: Int

        public init(_ text: String, _ range: Range<Int>, _ position: Int) {
            self.text = text
            self.range = range
            self.position = position
        }

        /// `text@start..<end#position`, the glue mark shown as `^`.
        public var description: String {
            let shown = text.unicodeScalars.first == BigramTokenizer.glue ? "^" + String(text.unicodeScalars.dropFirst()) : text
            return "\(shown)@\(range.lowerBound)..<\(range.upperBound)#\(position)"
        }
    }

    /// Tokenizes `text` into an array of tokens.
    public static func tokens(in text: String, mode: Mode = .document) -> [Token] {
        var tokens: [Token] = []
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            var position = -1
            _ = tokenize(UnsafeBufferPointer(buffer), mode: mode) { bytes, start, end, colocated in
                if !colocated { position += 1 }
                tokens.append(Token(String(decoding: bytes, as: UTF8.self), start..<end, position))
                return true
            }
        }
        return tokens
    }

    /// Calls `emit(token, start, end, colocated)` for every token of `text`, in position order;
    /// `colocated` is true for a glued token standing at the same position as the one before.
    ///
    /// `token` is only valid during the call. Returning `false` from `emit` stops tokenizing,
    /// and the function returns `false`.
    @inline(__always)
    public static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>,
        mode: Mode,
        emit: Emit
    ) -> Bool {
        var state = State(base: text, mode: mode)
        return state.run(emit)
    }
}

/// Receives one token: its bytes, byte range, and whether it is colocated with the previous one.
public typealias Emit = (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Bool

/// The scanning state of one ``BigramTokenizer/tokenize(_:mode:emit:)`` call.
private struct State {
    let base: UnsafeBufferPointer<UInt8>
    let mode: BigramTokenizer.Mode
    let variants = ScriptVariants.table

    // The last ideograph of the current run.
    var hasPrevious = false
    var runLength = 0
    var previousStart = 0
    var previousEnd = 0
    var previousIsOriginal = false
    var previousBytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    var previousCount = 0

    // The current word, folded.
    var word: [UInt8] = []
    var wordStart = 0
    var wordEnd = 0

    var scratch: [UInt8] = []
    var glued: [UInt8] = []

    // Whether the next token starts a run touching a run of the other kind.
    var glueNext = false

    init(base: UnsafeBufferPointer<UInt8>, mode: BigramTokenizer.Mode) {
        self.base = base
        self.mode = mode
        word.reserveCapacity(64)
        scratch.reserveCapacity(16)
        glued.reserveCapacity(16)
    }

    mutating func run(_ emit: Emit) -> Bool {
        let count = base.count
        var i = 0
        while i < count {
            let lead = base[i]
            if lead < 0x80 {
                let start = i
                i += 1
                if (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x30 && lead <= 0x39) {
                    guard startWord(emit) else { return false }
                    appendWordByte(lead, start: start, end: i)
                } else if lead >= 0x41 && lead <= 0x5A {
                    guard startWord(emit) else { return false }
                    appendWordByte(lead + 0x20, start: start, end: i)
                } else {
                    guard endRun(emit), endWord(emit) else { return false }
                    glueNext = false
                }
                continue
            }
            let start = i
            let (value, length) = ByteScan.scalar(base, at: i)
            i += length
            guard let value else {
                guard endRun(emit), endWord(emit) else { return false }
                glueNext = false
                continue
            }
            if ScalarFolding.isIdentity(value, variants) {
                guard handle(value, start: start, end: i, original: true, emit) else { return false }
            } else if let one = ScalarFolding.foldedScalar(value, variants) {
                guard handle(one, start: start, end: i, original: false, emit) else { return false }
            } else {
                for folded in ScalarFolding.folded(Unicode.Scalar(value)!) {
                    guard handle(folded.value, start: start, end: i, original: false, emit) else { return false }
                }
            }
        }
        return endRun(emit) && endWord(emit)
    }

    @inline(__always)
    mutating func handle(_ value: UInt32, start: Int, end: Int, original: Bool,
                         _ emit: Emit) -> Bool {
        switch ScalarClass.of(value) {
        case .ideograph:
            if !word.isEmpty {
                guard endWord(emit) else { return false }
                glueNext = true
            }
            if hasPrevious {
                guard emitBigram(value, end: end, original: original && previousIsOriginal && previousEnd == start, emit)
                else { return false }
            }
            hasPrevious = true
            runLength += 1
            previousStart = start
            previousEnd = end
            previousIsOriginal = original
            storePrevious(value)
            return true
        case .word:
            guard startWord(emit) else { return false }
            if value < 0x80 {
                appendWordByte(UInt8(value), start: start, end: end)
            } else {
                if word.isEmpty { wordStart = start }
                appendUTF8(value, to: &word)
                wordEnd = end
            }
            return true
        case .separator:
            guard endRun(emit), endWord(emit) else { return false }
            glueNext = false
            return true
        }
    }

    /// Before a word character: closes an ideograph run, gluing the word to it when touching.
    @inline(__always)
    mutating func startWord(_ emit: Emit) -> Bool {
        guard hasPrevious else { return true }
        guard endRun(emit) else { return false }
        glueNext = true
        return true
    }

    /// Emits a token, and its glued copy at the same position when it starts a touching run.
    @inline(__always)
    mutating func put(_ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ emit: Emit) -> Bool {
        guard emit(token, start, end, false) else { return false }
        guard glueNext else { return true }
        glueNext = false
        glued.removeAll(keepingCapacity: true)
        glued.append(contentsOf: BigramTokenizer.glueBytes)
        glued.append(contentsOf: token)
        return glued.withUnsafeBufferPointer { emit($0, start, end, true) }
    }

    @inline(__always)
    mutating func appendWordByte(_ byte: UInt8, start: Int, end: Int) {
        if word.isEmpty { wordStart = start }
        word.append(byte)
        wordEnd = end
    }

    @inline(__always)
    mutating func storePrevious(_ value: UInt32) {
        var bytes: [UInt8] = []
        if previousIsOriginal {
            previousCount = 0
            return
        }
        appendUTF8(value, to: &bytes)
        previousCount = bytes.count
        previousBytes = (bytes[0], bytes.count > 1 ? bytes[1] : 0, bytes.count > 2 ? bytes[2] : 0,
                         bytes.count > 3 ? bytes[3] : 0)
    }

    /// Puts the folded bytes of the run's last ideograph into `scratch`.
    @inline(__always)
    mutating func startScratchWithPrevious() {
        scratch.removeAll(keepingCapacity: true)
        if previousIsOriginal {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: base[previousStart..<previousEnd]))
            return
        }
        let b = previousBytes
        scratch.append(b.0)
        if previousCount > 1 { scratch.append(b.1) }
        if previousCount > 2 { scratch.append(b.2) }
        if previousCount > 3 { scratch.append(b.3) }
    }

    @inline(__always)
    mutating func emitBigram(_ value: UInt32, end: Int, original: Bool,
                             _ emit: Emit) -> Bool {
        if original {
            // Both characters are unchanged by folding and adjacent: point into the text.
            return put(UnsafeBufferPointer(rebasing: base[previousStart..<end]), previousStart, end, emit)
        }
        startScratchWithPrevious()
        appendUTF8(value, to: &scratch)
        return emitScratch(previousStart, end, emit)
    }

    /// Emits the token assembled in `scratch` (swapped out so `put` may use `self`).
    @inline(__always)
    mutating func emitScratch(_ start: Int, _ end: Int, _ emit: Emit) -> Bool {
        var token = scratch
        scratch = []
        defer {
            token.removeAll(keepingCapacity: true)
            scratch = token
        }
        return token.withUnsafeBufferPointer { put($0, start, end, emit) }
    }

    /// Closes the current run of ideographs with the unigram of its last character.
    @inline(__always)
    mutating func endRun(_ emit: Emit) -> Bool {
        guard hasPrevious else { return true }
        hasPrevious = false
        defer { runLength = 0 }
        if mode == .query && runLength > 1 { return true }
        if previousIsOriginal {
            return put(UnsafeBufferPointer(rebasing: base[previousStart..<previousEnd]), previousStart, previousEnd, emit)
        }
        startScratchWithPrevious()
        return emitScratch(previousStart, previousEnd, emit)
    }

    @inline(__always)
    mutating func endWord(_ emit: Emit) -> Bool {
        guard !word.isEmpty else { return true }
        var token = word
        word = []
        defer {
            token.removeAll(keepingCapacity: true)
            word = token
        }
        return token.withUnsafeBufferPointer { put($0, wordStart, wordEnd, emit) }
    }
}

@inline(__always)
func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
    switch value {
    case 0..<0x80:
        out.append(UInt8(value))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (value >> 6)))
        out.append(UInt8(0x80 | (value & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (value >> 12)))
        out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (value & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (value >> 18)))
        out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (value & 0x3F)))
    }
}
