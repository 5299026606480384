import Foundation
import ZIPFoundation

/// Builds Word .docx files in code: the XML parts written here, zipped with ZIPFoundation,
/// so that tests need no binary fixtures.
///
/// ```swift
/// var docx = DocxBuilder()
/// docx.paragraph("总体情况", style: "Heading1")
/// docx.paragraph("全年完成投资12亿元。")
/// try docx.write(to: folder.appendingPathComponent("a.docx"))
/// ```
public struct DocxBuilder {
    public static let namespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:v="urn:schemas-microsoft-com:vml"
        """

    /// The body's XML, block after block.
    public var body = ""
    public var styles: String? = DocxBuilder.standardStyles
    public var numbering: String? = DocxBuilder.chineseNumbering
    /// Extra parts, by path.
    public var extraParts: [String: String] = [:]

    public init() {}

    /// A paragraph whose text is split over two runs (as Word does), with optional style,
    /// outline level and list numbering.
    public mutating func paragraph(_ text: String, style: String? = nil, outline: Int? = nil,
                            list: (numID: Int, level: Int)? = nil) {
        var properties = ""
        if let style { properties += #"<w:pStyle w:val="\#(style)"/>"# }
        if let list { properties += #"<w:numPr><w:ilvl w:val="\#(list.level)"/><w:numId w:val="\#(list.numID)"/></w:numPr>"# }
        if let outline { properties += #"<w:outlineLvl w:val="\#(outline)"/>"# }
        body += "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + Self.runs(text) + "</w:p>"
    }

    /// A table, one array of cell texts per row.
    public mutating func table(_ rows: [[String]]) {
        body += "<w:tbl><w:tblPr/>"
        for row in rows {
            body += "<w:tr>" + row.map { "<w:tc><w:p>\(Self.runs($0))</w:p></w:tc>" }.joined() + "</w:tr>"
        }
        body += "</w:tbl>"
    }

    /// Raw body XML, for the odd cases (tracked changes, fields, text boxes).
    public mutating func raw(_ xml: String) { body += xml }

    /// Two runs when the text is long enough, like Word's spell-check splits.
    public static func runs(_ text: String) -> String {
        let chars = Array(text)
        let cut = chars.count / 2
        let parts = chars.count > 3 ? [String(chars[..<cut]), String(chars[cut...])] : [text]
        return parts.map { #"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">\#(escape($0))</w:t></w:r>"# }
            .joined(separator: "<w:proofErr w:type=\"gramStart\"/>")
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    public var documentXML: String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document \#(Self.namespaces)><w:body>"#
            + body + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    }

    /// The package's bytes.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#),
            ("word/document.xml", documentXML),
        ]
        if let styles { parts.append(("word/styles.xml", styles)) }
        if let numbering { parts.append(("word/numbering.xml", numbering)) }
        parts += extraParts.sorted { $0.key < $1.key }
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data().write(to: url)
    }

    /// Heading 1–3 with outline levels as Word writes them; "heading 4" by name only; a
    /// Chinese-named style "标题 2" (as WPS writes); Title; a body style based on Normal.
    public static let standardStyles = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="3"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="Heading1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
        </w:styles>
        """#

    /// List 1: 一、 › （一） › 1. (chineseCounting, chineseCounting, decimal), as Chinese
    /// templates define it. List 2 uses the same definition, restarting at 三.
    public static let chineseNumbering = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0">
          <w:multiLevelType w:val="multilevel"/>
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>
        """#
}
