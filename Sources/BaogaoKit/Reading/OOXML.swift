import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Shared helpers for the XML parts of a Word package: parsing with Foundation's XMLParser
/// (namespaces processed, so element names are local: "p", "t", "tbl"), attribute lookup by
/// local name, and a refusal of DTDs, which Office files never carry.
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
        let parser = XMLParser(data: data)
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
