/// The lossy half of ``TextDecoder``: reads files that mix UTF-8 and GBK/GB18030 bytes, or
/// that have a few broken bytes, replacing only what no encoding explains.
///
/// ASCII reads the same in both encodings, so only stretches with non-ASCII bytes need a
/// decision. A stretch that is valid UTF-8 in a mostly-UTF-8 file is UTF-8. Any other
/// stretch is cut into sequences by the cheapest explanation (see ``Costs``): each UTF-8
/// sequence, GB18030 sequence or replaced byte has a cost, and so has switching between
/// the encodings. Valid UTF-8 is strong evidence (random bytes rarely are), GB18030 weak
/// (almost any pair of high bytes is a GB18030 character), so a GBK stretch next to UTF-8
/// text does not swallow it, and a GBK pair that happens to be valid UTF-8 (D3 A6 is both
/// "应" and "Ӧ") stays Chinese when its neighbours are GBK.
struct LossyDecoder {
    private enum Mode: Int { case utf8 = 0, gb18030 = 1 }

    /// Costs, in arbitrary units, of explaining bytes one way or the other. Tuned on
    /// paragraphs of real GBK reports shuffled with UTF-8 ones, down to single characters.
    private struct Costs {
        /// A three- or four-byte UTF-8 sequence (CJK): hardly ever valid by chance.
        var utf8Long: Int
        /// A two-byte UTF-8 sequence for Latin-1, a pinyin vowel or Greek (°, ×, ā, ǎ, α, Δ).
        var utf8Plausible: Int
        /// Any other two-byte UTF-8 sequence (IPA, Cyrillic, Hebrew…), which in a report
        /// is more likely a GBK pair: C3 AB is "ë" or "毛".
        var utf8Odd = 20
        /// A GB2312 pair (both bytes 0xA1–0xFE): the common characters.
        var gb18030: Int
        /// A GBK pair outside GB2312 (rarer characters).
        var gb18030Rare: Int
        /// A four-byte GB18030 sequence.
        var gb18030Long = 12
        /// A pair in the user-defined areas, which map to the Private Use Area; misread
        /// UTF-8 lands there often.
        var gb18030Private = 20
        /// Changing encoding between two sequences.
        var switchMode = 6
        /// One byte replaced by U+FFFD.
        var replacement = 20

        /// For files mostly in UTF-8: UTF-8 is cheap, GB18030 is for what UTF-8 cannot read.
        static let utf8First = Costs(utf8Long: 0, utf8Plausible: 2, gb18030: 4, gb18030Rare: 8)
        /// For files mostly in GBK: GB18030 is cheap, UTF-8 must be clearly UTF-8.
        static let gb18030First = Costs(utf8Long: 1, utf8Plausible: 5, gb18030: 2, gb18030Rare: 5)

        func utf8(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int, length: Int) -> Int {
            if length >= 3 { return utf8Long }
            let scalar = UInt32(bytes[p] & 0x1F) << 6 | UInt32(bytes[p + 1] & 0x3F)
            switch scalar {
            case 0xA0...0xFF, 0x391...0x3C9,
                 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC:
                return utf8Plausible
            default: return utf8Odd
            }
        }

        func gb18030(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int, length: Int) -> Int {
            if length == 4 { return gb18030Long }
            let lead = bytes[p], trail = bytes[p + 1]
            switch (lead, trail) {
            case (0xAA...0xAF, 0xA1...), (0xF8...0xFE, 0xA1...), (0xA1...0xA7, ..<0xA1):
                return gb18030Private
            case (0xA1..., 0xA1...):
                return gb18030
            default:
                return gb18030Rare
            }
        }
    }

    private enum Action: UInt8 { case ascii, utf8, gb18030, replace }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let converter: GB18030Converter?
    private let primary: Mode
    private let costs: Costs
    private var output: [UInt8] = []
    private var replaced = 0
    private var usedUTF8 = false
    private var usedGB18030 = false
    /// The encoding of the last non-ASCII sequence, which the next stretch starts in.
    private var mode: Mode

    /// U+FFFD REPLACEMENT CHARACTER in UTF-8.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.converter = GB18030Converter()
        let evidence = ByteScan.utf8Evidence(bytes)
        primary = evidence.invalid > evidence.valid ? .gb18030 : .utf8
        costs = primary == .utf8 ? .utf8First : .gb18030First
        mode = primary
    }

    static func decode(_ all: UnsafeBufferPointer<UInt8>) -> DecodedText {
        let body: UnsafeBufferPointer<UInt8>
        let hasUTF8Mark: Bool
        switch ByteOrderMark.match(all) {
        case .utf16LE: return decodeUTF16(all, bigEndian: false)
        case .utf16BE: return decodeUTF16(all, bigEndian: true)
        case .utf8:
            body = UnsafeBufferPointer(rebasing: all[3...])
            hasUTF8Mark = true
        case .utf32LE, .utf32BE, nil:
            body = all
            hasUTF8Mark = false
        }
        var decoder = LossyDecoder(bytes: body)
        decoder.run()
        let encoding: TextEncoding
        if decoder.usedGB18030 && (decoder.usedUTF8 || hasUTF8Mark) {
            encoding = .utf8WithGB18030
        } else if decoder.usedGB18030 {
            encoding = .gb18030
        } else {
            encoding = hasUTF8Mark ? .utf8BOM : .utf8
        }
        return DecodedText(
            text: String(decoding: decoder.output, as: UTF8.self),
            encoding: encoding,
            replacedBytes: decoder.replaced)
    }

    // MARK: Stretches

    private mutating func run() {
        output.reserveCapacity(bytes.count + bytes.count / 2)
        let count = bytes.count
        var i = 0
        while i < count {
            if bytes[i] < 0x80 {
                var end = i + 1
                while end < count, bytes[end] < 0x80 { end += 1 }
                appendBytes(i..<end)
                i = end
                continue
            }
            var runEnd = i + 1
            while runEnd < count, bytes[runEnd] >= 0x80 { runEnd += 1 }
            if primary == .utf8, isUTF8(i..<runEnd) {
                appendBytes(i..<runEnd)
                usedUTF8 = true
                mode = .utf8
                i = runEnd
                continue
            }
            let end = stretchEnd(after: runEnd)
            decodeCheapest(from: i, to: end)
            i = end
        }
    }

    /// Where the stretch of bytes to decide on ends: at a byte below 0x30 (control, space,
    /// punctuation), which no multi-byte sequence of either encoding contains, or at two
    /// ASCII bytes in a row, which no GB18030 sequence spans; GBK trail bytes and the digits
    /// of four-byte sequences can be ASCII, so a single letter or digit does not end it.
    private func stretchEnd(after runEnd: Int) -> Int {
        var end = runEnd
        while end < bytes.count {
            let byte = bytes[end]
            if byte < 0x30 || (byte < 0x80 && bytes[end - 1] < 0x80) { break }
            end += 1
        }
        return end
    }

    /// Decodes `start..<end` by the cheapest sequence of steps: a shortest path over byte
    /// offsets with one state per encoding. Steps are at most four bytes long, so costs
    /// live in a ring of five offsets; the way back takes one byte per offset and state.
    private mutating func decodeCheapest(from start: Int, to end: Int) {
        let length = end - start
        let ring = 5
        let unreachable = Int.max
        var cost = [Int](repeating: unreachable, count: 2 * ring)
        // Per offset and state: step length (bits 0-2), previous state (bit 3), action (bits 4-5).
        var back = [UInt8](repeating: 0, count: 2 * (length + 1))
        cost[mode.rawValue * ring] = 0
        cost[(1 - mode.rawValue) * ring] = costs.switchMode / 2

        for q in 0..<length {
            let p = start + q
            for m in 0..<2 {
                let here = cost[m * ring + q % ring]
                if here == unreachable { continue }
                func relax(_ n: Int, _ toMode: Int, _ newCost: Int, _ action: Action) {
                    let to = q + n
                    guard to <= length, newCost < cost[toMode * ring + to % ring] else { return }
                    cost[toMode * ring + to % ring] = newCost
                    back[toMode * (length + 1) + to] = UInt8(n) | UInt8(m) << 3 | action.rawValue << 4
                }
                if bytes[p] < 0x80 {
                    relax(1, m, here, .ascii)
                    continue
                }
                if case .valid(let n) = ByteScan.utf8(bytes, at: p) {
                    let step = costs.utf8(bytes, at: p, length: n)
                    let switching = m == Mode.utf8.rawValue ? 0 : costs.switchMode
                    relax(n, Mode.utf8.rawValue, here + step + switching, .utf8)
                }
                if case .valid(let n) = ByteScan.gb18030(bytes, at: p) {
                    let switching = m == Mode.gb18030.rawValue ? 0 : costs.switchMode
                    let step = costs.gb18030(bytes, at: p, length: n)
                    relax(n, Mode.gb18030.rawValue, here + step + switching, .gb18030)
                }
                relax(1, m, here + costs.replacement, .replace)
            }
            cost[q % ring] = unreachable
            cost[ring + q % ring] = unreachable
        }

        // Walk back from the cheaper end state (ties go to the current encoding), marking
        // where each step starts.
        let endCost = { (m: Int) in cost[m * ring + length % ring] }
        var m = endCost(mode.rawValue) <= endCost(1 - mode.rawValue) ? mode.rawValue : 1 - mode.rawValue
        let finalMode = m
        var plan = [UInt8](repeating: 0, count: length)
        var q = length
        while q > 0 {
            let b = back[m * (length + 1) + q]
            let n = Int(b & 7)
            q -= n
            plan[q] = b & 0x37
            m = Int(b >> 3 & 1)
        }

        q = 0
        while q < length {
            let n = Int(plan[q] & 7)
            let action = Action(rawValue: plan[q] >> 4)!
            switch action {
            case .ascii, .utf8:
                appendBytes((start + q)..<(start + q + n))
                if action == .utf8 { usedUTF8 = true }
                q += n
            case .replace:
                replace(n)
                q += n
            case .gb18030:
                // Convert consecutive GB18030 sequences in one iconv call.
                var stop = q + n
                while stop < length, plan[stop] >> 4 == Action.gb18030.rawValue { stop += Int(plan[stop] & 7) }
                if !emitGB18030((start + q)..<(start + stop)) {
                    var r = q
                    while r < stop {
                        let one = (start + r)..<(start + r + Int(plan[r] & 7))
                        // Well-formed but unmapped (e.g. four-byte codes past U+10FFFF).
                        if !emitGB18030(one) { replace(one.count) }
                        r = one.upperBound - start
                    }
                }
                q = stop
            }
        }
        mode = Mode(rawValue: finalMode)!
    }

    private func isUTF8(_ range: Range<Int>) -> Bool {
        ByteScan.firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[range])) == nil
    }

    // MARK: Output

    private mutating func appendBytes(_ range: Range<Int>) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Converts `range` as GB18030 and appends it; false (nothing appended) if iconv refuses.
    private mutating func emitGB18030(_ range: Range<Int>) -> Bool {
        guard let converter else { return false }
        guard converter.convert(UnsafeBufferPointer(rebasing: bytes[range]), appendingTo: &output) == nil else {
            return false
        }
        usedGB18030 = true
        return true
    }

    private mutating func replace(_ count: Int) {
        for _ in 0..<count { output.append(contentsOf: Self.replacement) }
        replaced += count
    }

    // MARK: UTF-16

    /// UTF-16 with an odd last byte and unpaired surrogates replaced (two bytes each).
    private static func decodeUTF16(_ all: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> DecodedText {
        var units = TextDecoder.utf16Units(all, bigEndian: bigEndian)
        let oddLastByte = (all.count - 2) % 2 == 1
        var replaced = oddLastByte ? 1 : 0
        var k = 0
        while k < units.count {
            switch units[k] {
            case 0xD800...0xDBFF where k + 1 < units.count && (0xDC00...0xDFFF).contains(units[k + 1]):
                k += 2
            case 0xD800...0xDFFF:
                units[k] = 0xFFFD
                replaced += 2
                k += 1
            default:
                k += 1
            }
        }
        if oddLastByte { units.append(0xFFFD) }
        return DecodedText(
            text: String(decoding: units, as: UTF16.self),
            encoding: bigEndian ? .utf16BE : .utf16LE,
            replacedBytes: replaced)
    }
}
