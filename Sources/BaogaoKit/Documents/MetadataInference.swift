/// Infers a report's unit, year and title from its path (file name and folders) and, for
/// what the path does not say, its text; then gives the unit the one name it goes by
/// (``UnitAliases``). Pure.
///
/// Each field keeps where it came from (`file-name`, `folder-name`, `text`). A field nothing
/// fits stays nil: wrong is worse than empty. Only the passages are read, so that metadata can
/// be derived again from an index without the files.
///
/// ```swift
/// let meta = MetadataInference.infer(path: "2026年广东省政府工作报告.txt", structure: s)
/// // unit "广东省人民政府" (as found: "广东省"), year 2026, title "政府工作报告"
/// ```
public enum MetadataInference {
    /// Bumped whenever the rules change: an index derived with other rules derives every
    /// report's metadata again from its stored passages on the next `baogao index`.
    public static let rulesVersion = 2

    /// The metadata of one report from its path and its parsed structure.
    public static func infer(path: String, structure: DocumentStructure,
                             aliases: UnitAliases = UnitAliases()) -> ReportMetadata {
        var meta = ReportName.facts(path: path)
        var textTitle: String?
        if meta.unit == nil || meta.year == nil || meta.title == nil {
            let reading = TextReading(structure: structure)
            textTitle = reading.title()
            if meta.title == nil, let textTitle { meta.title = textTitle; meta.titleSource = .text }
            if meta.year == nil, let year = reading.year(title: textTitle ?? meta.title) {
                meta.year = year
                meta.yearSource = .text
            }
            if meta.unit == nil, let unit = reading.unit(title: textTitle ?? meta.title) {
                meta.unit = unit
                meta.unitSource = .text
            }
        }
        let governmentReport = [meta.title, textTitle].contains { $0?.contains("政府工作报告") ?? false }
        return naming(meta, aliases: aliases, governmentReport: governmentReport)
    }

    /// The unit under its one name, the name as found kept in `unitName`.
    static func naming(_ meta: ReportMetadata, aliases: UnitAliases, governmentReport: Bool) -> ReportMetadata {
        var named = meta
        guard let unit = meta.unit else { return named }
        named.unitName = unit
        named.unit = aliases.canonical(unit, governmentReport: governmentReport)
        return named
    }
}

/// Counts a word's occurrences in a text, byte by byte.
///
/// ```swift
/// Occurrences.count(of: "市XX办", in: "市XX办…市XX办") // (2, 0)
/// ```
enum Occurrences {
    /// How often `word` occurs in `text` (without overlaps), and the byte offset of the first.
    static func count(of word: String, in text: String) -> (count: Int, first: Int) {
        let pattern = Array(word.utf8)
        guard let head = pattern.first else { return (0, -1) }
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var first = -1
            var i = 0
            let last = bytes.count - pattern.count
            while i <= last {
                if bytes[i] == head, (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) {
                    if first < 0 { first = i }
                    count += 1
                    i += pattern.count
                } else {
                    i += 1
                }
            }
            return (count, first)
        }
    }
}
