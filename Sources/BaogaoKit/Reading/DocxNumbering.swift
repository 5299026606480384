import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The lists of a Word document (word/numbering.xml) and their running counters: turns a
/// numbered paragraph into the label Word shows before it ("一、", "（二）", "3.").
///
/// ```swift
/// var numbering = try DocxNumbering.parse(numberingXML)
/// numbering.label(numID: "1", level: 0)   // "一、"
/// numbering.label(numID: "1", level: 0)   // "二、"
/// numbering.label(numID: "1", level: 1)   // "（一）"
/// ```
struct DocxNumbering {
    /// One level of a list definition.
    struct Level {
        var start = 1
        var format = "decimal"
        /// The label pattern: "%1、", "（%1）", "%1.%2".
        var text: String?
        /// Legal numbering: every number of the label shown in decimals.
        var isLegal = false
        /// What separates the label from the text: "tab" (the default), "space" or "nothing".
        var suffix = "tab"
    }

    private var abstracts: [String: [Int: Level]] = [:]
    /// A list instance: its definition, and its own start values and levels.
    private var nums: [String: (abstract: String, starts: [Int: Int], levels: [Int: Level])] = [:]
    private var counters: [String: [Int?]] = [:]

    /// Parses numbering.xml; no part means no lists.
    static func parse(_ data: Data?) throws(BaogaoError) -> DocxNumbering {
        guard let data else { return DocxNumbering() }
        let collector = Collector()
        try OOXML.parse(data, part: "word/numbering.xml", delegate: collector)
        return collector.result
    }

    /// Counts one paragraph of list `numID` at `level` (0-based) and returns its label, or
    /// `nil` for bullets, unnumbered levels and unknown lists.
    mutating func label(numID: String, level: Int) -> String? {
        guard numID != "0", let num = nums[numID], (0...8).contains(level) else { return nil }
        func definition(_ l: Int) -> Level {
            num.levels[l] ?? abstracts[num.abstract]?[l] ?? Level()
        }
        func start(_ l: Int) -> Int { num.starts[l] ?? definition(l).start }

        var values = counters[numID] ?? Array(repeating: nil, count: 9)
        values[level] = values[level].map { $0 + 1 } ?? start(level)
        for deeper in (level + 1)..<9 { values[deeper] = nil }
        counters[numID] = values

        let this = definition(level)
        guard let pattern = this.text, this.format != "bullet", this.format != "none" else { return nil }
        var label = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            guard s == "%" else { label.unicodeScalars.append(s); continue }
            guard let d = scalars.next() else { break }
            guard let k = Int(String(d)), (1...9).contains(k) else { label.unicodeScalars.append(d); continue }
            let l = k - 1
            let value = values[l] ?? start(l)
            label += WordNumberFormat.format(value, as: this.isLegal && l < level ? "decimal" : definition(l).format)
        }
        guard !label.isEmpty else { return nil }
        // Word separates the label from the text with a tab or a space; after 、 or ）
        // nothing is needed in plain text, after "1." a space keeps the number apart.
        if this.suffix != "nothing", let last = label.unicodeScalars.last, last.value < 0x80 { label += " " }
        return label
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var result = DocxNumbering()
        private var abstractID: String?
        private var numID: String?
        private var overrideLevel: Int?
        private var level: Int?
        private var definition = Level()

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let val = OOXML.attribute(attributes, "val")
            switch OOXML.local(elementName) {
            case "abstractNum": abstractID = OOXML.attribute(attributes, "abstractNumId")
            case "num":
                numID = OOXML.attribute(attributes, "numId")
                if let numID { result.nums[numID] = ("", [:], [:]) }
            case "abstractNumId" where numID != nil:
                if let numID, let val { result.nums[numID]?.abstract = val }
            case "lvlOverride" where numID != nil: overrideLevel = OOXML.attribute(attributes, "ilvl").flatMap { Int($0) }
            case "startOverride":
                if let numID, let overrideLevel, let start = val.flatMap({ Int($0) }) {
                    result.nums[numID]?.starts[overrideLevel] = min(max(start, 0), 1_000_000)
                }
            case "lvl":
                level = OOXML.attribute(attributes, "ilvl").flatMap { Int($0) }
                definition = Level()
            case "start" where level != nil: definition.start = min(max(val.flatMap { Int($0) } ?? 1, 0), 1_000_000)
            case "numFmt" where level != nil: definition.format = val ?? "decimal"
            case "lvlText" where level != nil: definition.text = val
            case "isLgl" where level != nil: definition.isLegal = OOXML.isOn(val)
            case "suff" where level != nil: definition.suffix = val ?? "tab"
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            switch OOXML.local(elementName) {
            case "lvl":
                if let level {
                    if let numID, overrideLevel != nil {
                        result.nums[numID]?.levels[level] = definition
                    } else if let abstractID {
                        result.abstracts[abstractID, default: [:]][level] = definition
                    }
                }
                level = nil
            case "lvlOverride": overrideLevel = nil
            case "abstractNum": abstractID = nil
            case "num": numID = nil
            default: break
            }
        }
    }
}
