import BaogaoBenchKit
import BaogaoKit

/// One benchmark query: one or two phrases that must all match, with the number of passages
/// a brute-force scan finds for it.
struct BenchQuery: Codable, Hashable {
    /// The group it is measured in: "1", "2", … (characters) or "2 terms".
    var group: String
    var terms: [String]
    /// Passages containing every term, counted by brute force.
    var expected: Int
    /// Typed without quotes, so that a term of four or more characters also finds its near
    /// variants (nil in runs saved before such queries were measured).
    var unquoted: Bool? = nil

    /// The terms as exact phrases, in double quotes: unquoted terms of four or more
    /// characters also find near variants, counted by ``FoldedCorpus/countUnquoted(_:)``.
    var quotedTerms: [String] { terms.map { "\"\($0)\"" } }

    /// The query as typed on the command line.
    var text: String { unquoted == true ? terms.joined(separator: " ") : quotedTerms.joined(separator: " ") }

    /// Whether it counts towards the targets stated for phrases and two-term queries.
    var isPhrase: Bool { unquoted != true }
}

/// Draws a fixed, seeded sample of phrase queries from a corpus: runs of ideographs of 1, 2,
/// 3, 4, 6 and 8 characters starting at random places (so frequent phrases are drawn more
/// often, as people type them), plus two-term queries whose terms (2–4 characters) come from
/// the same passage, and runs of 4 typed without quotes (as most people type a word of four
/// characters: it also finds its near variants).
enum QuerySampler {
    static let lengths = [1, 2, 3, 4, 6, 8]
    static let twoTerms = "2 terms"
    static let unquoted = "4 unquoted"

    static func sample(_ corpus: FoldedCorpus, perGroup: Int, seed: UInt64) -> [BenchQuery] {
        var rng = SplitMix64(seed: seed)
        var queries: [BenchQuery] = []
        guard corpus.bytes.count > 16 else { return [] }
        // Distinct runs of `length` ideographs at random places, each made a query by `query`.
        func draw(length: Int, _ query: (String) -> BenchQuery) {
            var seen: Set<String> = []
            var attempts = 0
            while seen.count < perGroup && attempts < perGroup * 2_000 {
                attempts += 1
                guard let (phrase, _) = phrase(corpus, at: rng.int(in: 0..<corpus.bytes.count), length: length),
                      seen.insert(phrase).inserted else { continue }
                queries.append(query(phrase))
            }
        }
        for length in lengths {
            draw(length: length) { BenchQuery(group: String(length), terms: [$0], expected: corpus.count([$0])) }
        }
        var seen: Set<[String]> = []
        var attempts = 0
        while seen.count < perGroup && attempts < perGroup * 2_000 {
            attempts += 1
            let offset = rng.int(in: 0..<corpus.bytes.count)
            guard let (first, end) = phrase(corpus, at: offset, length: rng.int(in: 2...4)) else { continue }
            let passage = corpus.passage(at: offset)
            let passageEnd = passage + 1 < corpus.starts.count ? corpus.starts[passage + 1] : corpus.bytes.count
            guard end < passageEnd - 1 else { continue }
            guard let (second, _) = phrase(corpus, at: rng.int(in: end..<passageEnd), length: rng.int(in: 2...4)),
                  second != first, !first.contains(second), !second.contains(first),
                  seen.insert([first, second]).inserted else { continue }
            queries.append(BenchQuery(group: twoTerms, terms: [first, second], expected: corpus.count([first, second])))
        }
        // Drawn last, so that the other groups keep the sample of earlier runs.
        draw(length: 4) { BenchQuery(group: unquoted, terms: [$0], expected: corpus.countUnquoted($0), unquoted: true) }
        return queries
    }

    /// The run of `length` ideographs starting at the scalar holding byte `offset`, and the
    /// offset just after it; `nil` when a non-ideograph comes first.
    static func phrase(_ corpus: FoldedCorpus, at offset: Int, length: Int) -> (String, Int)? {
        let bytes = corpus.bytes
        var i = offset
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        var scalars = String.UnicodeScalarView()
        while scalars.count < length {
            guard i < bytes.count else { return nil }
            let (value, size) = decode(bytes, at: i)
            guard let value, ScalarClass.of(value) == .ideograph, let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
            i += size
        }
        return (String(scalars), i)
    }

    private static func decode(_ bytes: [UInt8], at i: Int) -> (UInt32?, Int) {
        let b0 = UInt32(bytes[i])
        let size = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard i + size <= bytes.count else { return (nil, 1) }
        if size == 1 { return (b0, 1) }
        var value = b0 & (0xFF >> (size + 1))
        for k in 1..<size { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (value, size)
    }
}
