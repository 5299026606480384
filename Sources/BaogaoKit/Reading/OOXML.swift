import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Shared helpers for the XML parts of a Word package: parsing with Foundation's XMLParser
/// (namespaces processed, so element names are local: "p", "t", "tbl"), attribute lookup by
/// local name, and a refusal of DTDs, which Office files never carry. Before parsing, parts are
/// checked and cleaned of what makes FoundationXML crash on Linux (invalid UTF-8 in names,
/// processing instructions without data): a hostile file is refused, never fatal.
///
/// ```swift
/// try OOXML.parse(xml, part: "word/styles.xml", delegate: collector)
/// OOXML.attribute(attributes, "val")   // finds "w:val" as well as "val"
/// ```
enum OOXML {
    /// Parses `data` with `delegate`; fails with a message naming the part when the XML is
    /// malformed or declares a DTD (entity bombs, external entities).
    static func parse(_ data: Data, part: String, delegate: any XMLParserDelegate) throws(BaogaoError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw BaogaoError("damaged .docx (\(part) declares a DTD, which Word files never do)")
        }
        let parser = XMLParser(data: try withoutProcessingInstructions(try utf8(data, part: part), part: part))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // FoundationXML may return true and still record an error (an unclosed element).
        guard parser.parse(), parser.parserError == nil else {
            let line = parser.lineNumber
            throw BaogaoError("damaged .docx (\(part) is not well-formed XML near line \(line))")
        }
    }

    /// The part as UTF-8. FoundationXML crashes on a name holding invalid UTF-8, so such a
    /// part is refused; a UTF-16 part (allowed, never seen) is converted.
    static func utf8(_ data: Data, part: String) throws(BaogaoError) -> Data {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw BaogaoError("damaged .docx (\(part) is not valid UTF-16)")
            }
            // The declaration would still say UTF-16: leave it out.
            var body = Substring(text)
            if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = body[end.upperBound...] }
            return Data(body.utf8)
        }
        let valid = data.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
        guard valid else { throw BaogaoError("damaged .docx (\(part) is not valid UTF-8)") }
        return data
    }

    /// The XML without processing instructions (`<?name data?>`) after the declaration.
    /// FoundationXML on Linux crashes on an instruction without data (`<?x?>`); Word files
    /// carry none that matter, so all are taken out before parsing.
    static func withoutProcessingInstructions(_ data: Data, part: String) throws(BaogaoError) -> Data {
        let open = Data("<?".utf8), close = Data("?>".utf8)
        var start = data.startIndex
        // Keep the declaration at the very start (after a byte-order mark).
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        if data[start...].starts(with: Array("<?xml".utf8)), let end = data.range(of: close, in: start..<data.endIndex) {
            start = end.upperBound
        }
        guard data.range(of: open, in: start..<data.endIndex) != nil else { return data }
        var out = Data(data[..<start])
        out.reserveCapacity(data.count)
        var at = start
        while let pi = data.range(of: open, in: at..<data.endIndex) {
            guard let end = data.range(of: close, in: pi.upperBound..<data.endIndex) else {
                throw BaogaoError("damaged .docx (\(part) has an unclosed <? instruction)")
            }
            out.append(data[at..<pi.lowerBound])
            at = end.upperBound
        }
        out.append(data[at...])
        return out
    }

    /// The attribute with local name `name` ("val" finds "w:val").
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        for (key, value) in attributes {
            if let colon = key.lastIndex(of: ":"), key[key.index(after: colon)...] == name { return value }
        }
        return nil
    }

    /// The local part of an element name ("w:p" → "p"), whatever the parser reported.
    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// An OOXML on/off value: absent value or "1"/"true"/"on" is on.
    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off"].contains(value)
    }
}
