import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The paragraph styles of a Word document (word/styles.xml): which are headings and at what
/// level, which is the title, and which carry list numbering.
///
/// A style is a heading of level N when it (or a style it is based on) sets an outline level
/// N−1 (`w:outlineLvl`), or is named "heading N" / "标题 N".
///
/// ```swift
/// let styles = try DocxStyles.parse(stylesXML)
/// styles.headingLevel(ofStyle: "Heading2")   // 2
/// styles.isTitle("Title")                    // true
/// ```
struct DocxStyles {
    struct Style {
        var name: String?
        var basedOn: String?
        /// `w:outlineLvl`: 0–8 for headings, 9 for body text.
        var outlineLevel: Int?
        var numID: String?
        var numLevel: Int?
    }

    var styles: [String: Style] = [:]
    /// The style of paragraphs that name none.
    var defaultParagraphStyle: String?

    /// Parses styles.xml; no part means no styles.
    static func parse(_ data: Data?) throws(BaogaoError) -> DocxStyles {
        guard let data else { return DocxStyles() }
        let collector = Collector()
        try OOXML.parse(data, part: "word/styles.xml", delegate: collector)
        return collector.result
    }

    /// The heading level (1 = outermost) of paragraphs in style `id`, or `nil` for body text.
    func headingLevel(ofStyle id: String?) -> Int? {
        var current = id ?? defaultParagraphStyle
        for _ in 0..<16 {
            guard let id = current, let style = styles[id] else { return nil }
            if let level = style.outlineLevel { return level < 9 ? level + 1 : nil }
            if let level = Self.headingLevel(named: style.name) { return level }
            if Self.isTitleName(style.name) { return nil }
            current = style.basedOn
        }
        return nil
    }

    /// Whether style `id` is the document title style ("Title", "标题").
    func isTitle(_ id: String?) -> Bool {
        guard let id else { return false }
        return Self.isTitleName(styles[id]?.name) || id.lowercased() == "title"
    }

    /// The list a style attaches to its paragraphs, if any.
    func numbering(ofStyle id: String?) -> (numID: String, level: Int)? {
        var current = id ?? defaultParagraphStyle
        for _ in 0..<16 {
            guard let id = current, let style = styles[id] else { return nil }
            if let numID = style.numID { return (numID, style.numLevel ?? 0) }
            current = style.basedOn
        }
        return nil
    }

    /// "heading 2", "Heading2", "标题 2", "标题2" → 2.
    static func headingLevel(named name: String?) -> Int? {
        guard let name else { return nil }
        let compact = name.lowercased().filter { !$0.isWhitespace }
        for prefix in ["heading", "标题"] where compact.hasPrefix(prefix) {
            if let n = Int(compact.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }

    static func isTitleName(_ name: String?) -> Bool {
        guard let name else { return false }
        let compact = name.lowercased().filter { !$0.isWhitespace }
        return compact == "title" || compact == "标题"
    }

    /// Collects styles while XMLParser walks styles.xml.
    private final class Collector: NSObject, XMLParserDelegate {
        var result = DocxStyles()
        private var id: String?
        private var style = Style()
        private var inParagraphProperties = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let val = OOXML.attribute(attributes, "val")
            switch OOXML.local(elementName) {
            case "style":
                let isParagraph = (OOXML.attribute(attributes, "type") ?? "paragraph") == "paragraph"
                id = isParagraph ? OOXML.attribute(attributes, "styleId") : nil
                style = Style()
                if let id, OOXML.attribute(attributes, "default").map({ OOXML.isOn($0) }) == true {
                    result.defaultParagraphStyle = id
                }
            case "name" where id != nil: style.name = val
            case "basedOn" where id != nil: style.basedOn = val
            case "pPr": inParagraphProperties = true
            case "outlineLvl" where id != nil && inParagraphProperties: style.outlineLevel = val.flatMap { Int($0) }
            case "numId" where id != nil && inParagraphProperties: style.numID = val
            case "ilvl" where id != nil && inParagraphProperties: style.numLevel = val.flatMap { Int($0) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            switch OOXML.local(elementName) {
            case "style":
                if let id { result.styles[id] = style }
                id = nil
            case "pPr": inParagraphProperties = false
            default: break
            }
        }
    }
}
