/// Cuts over-long paragraphs into passages of bounded length, so that a 50 MB file on one
/// line costs a search no more than many ordinary paragraphs do.
///
/// A cut falls just after a separator (punctuation or space) in the second half of the
/// piece: phrases never match across punctuation, so no match is lost. A run of letters with
/// no separator at all is cut at the limit. Every piece keeps its line and section.
///
/// ```swift
/// let s = LongPassages.split(structure, limit: 4_000)
/// // a 10,000-character line → three passages on the same line
/// ```
public enum LongPassages {
    /// The longest passage kept whole, in Unicode scalars (ordinary paragraphs are far shorter).
    public static let limit = 4_000

    public static func split(_ structure: DocumentStructure, limit: Int = limit) -> DocumentStructure {
        guard structure.passages.contains(where: { $0.text.utf8.count > limit }) else { return structure }
        var out = structure
        out.passages = []
        out.passages.reserveCapacity(structure.passages.count)
        for passage in structure.passages {
            guard passage.text.utf8.count > limit else {
                out.passages.append(passage)
                continue
            }
            for piece in pieces(of: passage.text, limit: limit) {
                out.passages.append(Passage(line: passage.line, text: piece, sectionIndex: passage.sectionIndex))
            }
        }
        return out
    }

    /// The pieces of `text`, each at most `limit` scalars (walked in place: no copy of the
    /// whole text is made).
    static func pieces(of text: String, limit: Int) -> [String] {
        let scalars = text.unicodeScalars
        var pieces: [String] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            var end = start
            var count = 0
            var lastCut: String.Index?
            while end < scalars.endIndex, count < limit {
                let scalar = scalars[end]
                end = scalars.index(after: end)
                count += 1
                if count > limit / 2, ScalarClass.of(scalar) == .separator { lastCut = end }
            }
            if end < scalars.endIndex, let lastCut { end = lastCut }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[start..<end])
            if piece.contains(where: { !$0.properties.isWhitespace }) { pieces.append(String(piece)) }
            start = end
        }
        return pieces
    }
}
