/// Splits a report's text into sections and passages. Pure: no I/O.
public enum StructureParser {
    /// Parses decoded report text. Lines are split on "\n" (a trailing "\r" is dropped);
    /// line numbers are 1-based.
    public static func parse(_ text: String) -> DocumentStructure {
        var passages: [Passage] = []
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let text = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if text.contains(where: { !$0.isWhitespace }) {
                passages.append(Passage(line: line, text: text, sectionIndex: nil))
            }
        }
        return DocumentStructure(sections: [], passages: passages)
    }
}
