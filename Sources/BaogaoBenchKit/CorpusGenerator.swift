/// Generates a corpus of any size from a few sample reports, the same one on every run:
/// sentences and headings of the samples are shuffled and recombined with a seeded random
/// number generator into many report-shaped files.
///
/// Every generated file starts with a title line, then paragraphs of 1–6 sample sentences,
/// with a sample heading now and then. Every sentence and heading comes from the samples, so
/// the text looks like real reports while no generated passage repeats a sample's passage.
///
/// ```swift
/// let generator = CorpusGenerator(sources: texts, seed: 42)
/// try generator.generate(totalBytes: 10_000_000) { name, text in try write(text, to: name) }
/// ```
public struct CorpusGenerator: Sendable {
    /// Lines short enough to be titles or headings (without a closing 。).
    public let headings: [String]
    /// The first line of every sample.
    public let titles: [String]
    /// Sentences of the samples' paragraphs, each with its closing punctuation.
    public let sentences: [String]
    public let seed: UInt64

    /// Lines of at most this many characters (without a final 。) count as headings.
    static let headingLength = 40
    /// Generated files hold roughly this many bytes (uniformly drawn).
    static let fileBytes = 6_000...30_000

    /// Prepares a generator from the texts of sample reports (order matters: sort them first).
    public init(sources: [String], seed: UInt64) {
        var headings: [String] = []
        var titles: [String] = []
        var sentences: [String] = []
        for source in sources {
            var first = true
            for raw in source.split(whereSeparator: \.isNewline) {
                let line = Self.trimmed(raw)
                guard !line.isEmpty else { continue }
                if first {
                    titles.append(line)
                    first = false
                    continue
                }
                if line.count <= Self.headingLength && !"。！？；".contains(line.last!) {
                    headings.append(line)
                } else {
                    sentences += Self.sentences(in: line)
                }
            }
        }
        self.headings = headings
        self.titles = titles
        self.sentences = sentences
        self.seed = seed
    }

    /// The sentences of a paragraph: split after 。！？；, each keeping its punctuation.
    public static func sentences(in paragraph: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in paragraph {
            current.append(c)
            if "。！？；".contains(c) {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Calls `write(name, text)` for generated files until they hold at least `totalBytes`
    /// bytes of UTF-8 text. Names are relative paths such as `part-00/report-000001.txt`.
    public func generate(totalBytes: Int, _ write: (String, String) throws -> Void) rethrows {
        guard !sentences.isEmpty else { return }
        var rng = SplitMix64(seed: seed)
        var written = 0
        var number = 0
        while written < totalBytes {
            number += 1
            let text = file(&rng, bytes: min(rng.int(in: Self.fileBytes), max(totalBytes - written, 1)))
            try write(Self.name(number), text)
            written += text.utf8.count
        }
    }

    /// The relative path of the `number`-th file: 1,000 files per folder.
    public static func name(_ number: Int) -> String {
        "part-\(pad(number / 1000, 2))/report-\(pad(number, 6)).txt"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private func file(_ rng: inout SplitMix64, bytes: Int) -> String {
        var lines: [String] = []
        var size = 0
        func add(_ line: String) {
            lines.append(line)
            size += line.utf8.count + 1
        }
        add(titles.isEmpty ? sentences[rng.int(in: 0..<sentences.count)] : titles[rng.int(in: 0..<titles.count)])
        add("")
        while size < bytes {
            if !headings.isEmpty && rng.chance(0.12) {
                add(headings[rng.int(in: 0..<headings.count)])
            } else {
                var paragraph = ""
                for _ in 0..<rng.int(in: 1...6) {
                    paragraph += sentences[rng.int(in: 0..<sentences.count)]
                }
                add(paragraph)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `line` without leading and trailing spaces, tabs and ideographic spaces.
    static func trimmed(_ line: Substring) -> String {
        let blank: Set<Character> = [" ", "\t", "\u{3000}", "\r"]
        var s = line
        while let f = s.first, blank.contains(f) { s.removeFirst() }
        while let l = s.last, blank.contains(l) { s.removeLast() }
        return String(s)
    }
}
