import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Walks word/document.xml and writes its text into an ``ExtractedDocument``: paragraphs and
/// table rows in document order, list labels put back in front of numbered paragraphs, and
/// heading levels from paragraph outline levels or heading styles.
///
/// A table row becomes one line, its cells separated by tabs. Deleted text of tracked
/// changes, field codes and the fallback copies of drawings are left out; the text of text
/// boxes becomes lines of its own.
///
/// ```swift
/// var document = ExtractedDocument(encoding: "docx")
/// try DocxBody.read(documentXML, styles: styles, numbering: &numbering, into: &document)
/// ```
enum DocxBody {
    static func read(_ data: Data, styles: DocxStyles, numbering: inout DocxNumbering,
                     into document: inout ExtractedDocument) throws(BaogaoError) {
        let walker = Walker(styles: styles, numbering: numbering)
        try OOXML.parse(data, part: "word/document.xml", delegate: walker)
        numbering = walker.numbering
        for line in walker.lines {
            document.append(line.text, headingLevel: line.level)
        }
    }

    /// Elements whose content is not part of the visible text.
    static let skipped: Set<Substring> = ["Fallback", "del", "moveFrom", "pPrChange", "rPrChange",
                                          "numberingChange", "instrText", "delText", "delInstrText"]

    private struct Paragraph {
        var text = ""
        var style: String?
        var outlineLevel: Int?
        var numID: String?
        var numLevel: Int?
        var inTable: Bool
    }

    private struct Table {
        var cells: [String] = []
        var cell: [String] = []
    }

    private final class Walker: NSObject, XMLParserDelegate {
        let styles: DocxStyles
        var numbering: DocxNumbering
        var lines: [(text: String, level: Int?)] = []

        private var skipDepth = 0
        private var paragraphs: [Paragraph] = []
        private var tables: [Table] = []
        private var inProperties = 0
        private var inText = false

        init(styles: DocxStyles, numbering: DocxNumbering) {
            self.styles = styles
            self.numbering = numbering
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if skipDepth > 0 { skipDepth += 1; return }
            let name = OOXML.local(elementName)
            if DocxBody.skipped.contains(name) { skipDepth = 1; return }
            let val = OOXML.attribute(attributes, "val")
            switch name {
            case "p":
                paragraphs.append(Paragraph(inTable: !tables.isEmpty))
            case "pPr":
                inProperties += 1
            case "pStyle" where inProperties > 0:
                top { $0.style = val }
            case "outlineLvl" where inProperties > 0:
                top { $0.outlineLevel = val.flatMap { Int($0) } }
            case "numId" where inProperties > 0:
                top { $0.numID = val }
            case "ilvl" where inProperties > 0:
                top { $0.numLevel = val.flatMap { Int($0) } }
            case "t":
                inText = true
            case "tab" where inProperties == 0:
                top { $0.text += "\t" }
            case "br" where inProperties == 0:
                let type = OOXML.attribute(attributes, "type")
                if type == nil || type == "textWrapping" { top { $0.text += "\n" } }
            case "cr":
                top { $0.text += "\n" }
            case "noBreakHyphen":
                top { $0.text += "-" }
            case "tbl":
                tables.append(Table())
            case "tc":
                if !tables.isEmpty { tables[tables.count - 1].cell = [] }
            case "tr":
                if !tables.isEmpty { tables[tables.count - 1].cells = [] }
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            if skipDepth > 0 { skipDepth -= 1; return }
            switch OOXML.local(elementName) {
            case "t":
                inText = false
            case "pPr":
                inProperties = max(0, inProperties - 1)
            case "p":
                guard let paragraph = paragraphs.popLast() else { return }
                finish(paragraph)
            case "tc":
                guard !tables.isEmpty else { return }
                let text = tables[tables.count - 1].cell.joined(separator: " ")
                tables[tables.count - 1].cells.append(text)
            case "tr":
                guard !tables.isEmpty else { return }
                let row = tables[tables.count - 1].cells.filter { !isBlank($0) }.joined(separator: "\t")
                guard !row.isEmpty else { return }
                if tables.count > 1 {
                    tables[tables.count - 2].cell.append(row.replacingOccurrences(of: "\t", with: " "))
                } else {
                    lines.append((row, nil))
                }
            case "tbl":
                _ = tables.popLast()
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inText, skipDepth == 0, !paragraphs.isEmpty else { return }
            paragraphs[paragraphs.count - 1].text += string
        }

        /// Puts the list label in front, decides the heading level, and emits the paragraph.
        private func finish(_ paragraph: Paragraph) {
            var text = paragraph.text
            let list: (numID: String, level: Int)? = paragraph.numID.map { ($0, paragraph.numLevel ?? 0) }
                ?? styles.numbering(ofStyle: paragraph.style)
            if let list, let label = numbering.label(numID: list.numID, level: list.level), !isBlank(text) {
                text = label + text
            }
            if paragraph.inTable {
                guard !tables.isEmpty else { return }
                let flat = text.replacingOccurrences(of: "\n", with: " ")
                if !isBlank(flat) { tables[tables.count - 1].cell.append(flat) }
                return
            }
            guard !isBlank(text) else { return }
            var level: Int?
            if let outline = paragraph.outlineLevel {
                level = outline < 9 ? outline + 1 : nil
            } else if !styles.isTitle(paragraph.style) {
                level = styles.headingLevel(ofStyle: paragraph.style)
            }
            lines.append((text, level))
        }

        /// Changes the innermost open paragraph, if any.
        private func top(_ change: (inout Paragraph) -> Void) {
            guard !paragraphs.isEmpty else { return }
            change(&paragraphs[paragraphs.count - 1])
        }

        private func isBlank(_ text: String) -> Bool {
            !text.unicodeScalars.contains { !ExplicitHeadings.isSpace($0) }
        }
    }
}
