/// A section's headings from the outermost down, as the `sections.trail` column stores them:
/// joined by newlines (a heading is one line; a newline inside one becomes a space).
///
/// ```swift
/// let trail = SectionTrail.appending("（三）持续优化营商环境", to: "四、党建引领")
/// SectionTrail.headings(trail)  // ["四、党建引领", "（三）持续优化营商环境"]
/// ```
enum SectionTrail {
    static let separator: Unicode.Scalar = "\n"

    /// The trail of a section with `heading` under the section whose trail is `parent`.
    static func appending(_ heading: String, to parent: String?) -> String {
        var line = heading
        if heading.unicodeScalars.contains(separator) {
            line = String(String.UnicodeScalarView(heading.unicodeScalars.map { $0 == separator ? " " : $0 }))
        }
        return parent.map { $0 + String(separator) + line } ?? line
    }

    /// The headings of a stored trail.
    static func headings(_ trail: String) -> [String] {
        trail.utf8.split(separator: UInt8(separator.value), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
