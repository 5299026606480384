import BaogaoTestSupport
import Foundation
import Testing
import ZIPFoundation
@testable import BaogaoKit

/// Word files: heading styles and outline levels, list numbering, the parts of the XML that
/// are not text, and damaged or hostile packages.
struct DocxReaderTests {
    @Test func headingStylesAndOutlineLevelsBecomeSections() throws {
        var docx = DocxBuilder()
        docx.paragraph("2022年度工作总结", style: "Title")
        docx.paragraph("总体情况", style: "Heading1")
        docx.paragraph("全年完成投资12亿元，粮食产量稳定增长。")
        docx.paragraph("产业发展", style: "3")                    // named "标题 2", as WPS writes
        docx.paragraph("新建现代农业产业园2个，带动农户增收。")
        docx.paragraph("具体措施", style: "Heading4")             // "heading 4" by name only
        docx.paragraph("建立联农带农机制，签订订单合同。")
        docx.paragraph("主要做法", style: "MyHeading")            // based on Heading 1
        docx.paragraph("抓好项目建设", outline: 1)                  // outline level in the paragraph
        docx.paragraph("完成固定资产投资5亿元。")
        docx.paragraph("这一段不是标题。", style: "Heading1", outline: 9) // body-text outline wins
        let report = try readReport(try docx.data(), named: "a.docx")
        let trails = view(report).map(\.trail)
        #expect(trails == [
            [],
            ["总体情况"],
            ["总体情况"],
            ["总体情况", "产业发展"],
            ["总体情况", "产业发展"],
            ["总体情况", "产业发展", "具体措施"],
            ["总体情况", "产业发展", "具体措施"],
            ["主要做法"],
            ["主要做法", "抓好项目建设"],
            ["主要做法", "抓好项目建设"],
            ["主要做法", "抓好项目建设"],
        ])
    }

    @Test func listNumberingIsWrittenOutAsWordShowsIt() throws {
        var docx = DocxBuilder()
        docx.paragraph("总体情况", list: (1, 0))
        docx.paragraph("加强领导。全面部署。", list: (1, 1))
        docx.paragraph("细化分工", list: (1, 2))
        docx.paragraph("强化保障。落实资金。", list: (1, 1))
        docx.paragraph("主要做法", list: (1, 0))
        docx.paragraph("推进项目。", list: (1, 1))        // （一） again under 二、
        docx.paragraph("下步打算", list: (2, 0))          // another list starting at 三
        docx.paragraph("项目清单", list: (3, 0))          // a bullet: no label
        docx.paragraph("", list: (1, 0))                 // an empty numbered paragraph counts
        docx.paragraph("后记", list: (1, 0))
        let report = try readReport(try docx.data(), named: "a.docx")
        #expect(view(report).map(\.text) == [
            "一、总体情况", "（一）加强领导。全面部署。", "1.细化分工", "（二）强化保障。落实资金。",
            "二、主要做法", "（一）推进项目。", "三、下步打算", "项目清单", "四、后记",
        ])
    }

    @Test func deletionsFieldCodesAndFallbacksAreNotText() throws {
        var docx = DocxBuilder()
        docx.raw("""
            <w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>\
            <w:ins w:id="2" w:author="a"><w:r><w:t>插入的文字</w:t></w:r></w:ins><w:bookmarkStart w:id="0" w:name="b"/>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:tab/><w:t>同一行</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>\
            <w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>\
            </v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文接着写。</w:t></w:r></w:p>
            <w:p><w:pPr><w:pPrChange w:id="3"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>原来是标题，现在是正文。</w:t></w:r></w:p>
            """)
        let report = try readReport(try docx.data(), named: "a.docx")
        #expect(view(report).map(\.text) == [
            "保留插入的文字3", "第一行", "第二行\t同一行", "文本框内容", "正文接着写。", "原来是标题，现在是正文。",
        ])
        #expect(report.structure.sections.isEmpty)
    }

    @Test func processingInstructionsDoNotStopTheParser() throws {
        // FoundationXML crashes on `<?x?>`; such instructions are taken out first.
        var docx = DocxBuilder()
        docx.raw("<?x?><w:p><w:r><w:t>甲</w:t></w:r></w:p><?mso-application progid=\"Word.Document\"?><w:p><w:r><w:t>乙</w:t></w:r></w:p>")
        let report = try readReport(try docx.data(), named: "a.docx")
        #expect(view(report).map(\.text) == ["甲", "乙"])
        #expect(throws: BaogaoError.self) {
            try readFile(try HostileFiles.package(documentXML: "<w:document><?unclosed <w:p/></w:document>"), named: "b.docx")
        }
    }

    @Test func tablesAreRowsInDocumentOrder() throws {
        var docx = DocxBuilder()
        docx.paragraph("表前说明。")
        docx.table([["指标", "2021年", "2022年"], ["粮食产量", "50万吨", ""], ["", "", ""]])
        docx.paragraph("表后说明。")
        let report = try readReport(try docx.data(), named: "a.docx")
        #expect(view(report).map(\.text) == ["表前说明。", "指标\t2021年\t2022年", "粮食产量\t50万吨", "表后说明。"])
    }

    @Test func aPackageWithoutStylesOrNumberingStillReads() throws {
        var docx = DocxBuilder()
        docx.styles = nil
        docx.numbering = nil
        docx.paragraph("只有正文。", style: "Heading1", list: (1, 0))
        let report = try readReport(try docx.data(), named: "a.docx")
        #expect(view(report) == [PassageView(line: 1, text: "只有正文。", trail: [])])
    }

    @Test func damagedStylesCostTheHeadingsNotTheText() throws {
        var docx = DocxBuilder()
        docx.styles = "<w:styles><w:style"
        docx.paragraph("总体情况", style: "Heading1")
        docx.paragraph("正文。")
        let parsed = try readFile(try docx.data(), named: "a.docx")
        #expect(view(parsed.reports[0]).map(\.text) == ["总体情况", "正文。"])
        #expect(parsed.notes.first?.contains("word/styles.xml is not well-formed XML") == true, "\(parsed.notes)")
    }

    @Test(arguments: [
        ("corrupt", "damaged .docx"),
        ("truncated", "damaged .docx"),
        ("encrypted", "encrypted (password-protected) Word file"),
        ("noDocument", "no word/document.xml"),
        ("pkGarbage", "damaged .docx"),
        ("dtd", "declares a DTD"),
        ("malformed", "not well-formed XML"),
        ("badName", "not valid UTF-8"),
        ("storedFlip", "checksum mismatch"),
        ("notZip", "not a Word .docx file"),
        ("longComment", "the ZIP comment runs past the end of the file"),
    ])
    func damagedPackagesAreRefusedWithTheirReason(_ kind: String, _ reason: String) throws {
        let data = try HostileFiles.docx(kind)
        #expect(throws: BaogaoError.self) { try readFile(data, named: "\(kind).docx") }
        do {
            _ = try readFile(data, named: "\(kind).docx")
        } catch let error as BaogaoError {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func aZipBombIsRefusedBeforeItInflates() throws {
        let data = try HostileFiles.zipBomb()
        #expect(data.count < 1 << 20)
        do {
            _ = try readFile(data, named: "bomb.docx")
            Issue.record("a zip bomb was read")
        } catch let error as BaogaoError {
            #expect(error.message.contains("zip bomb"), "\(error.message)")
        }
    }
}

/// Damaged and hostile files, made in code.
enum HostileFiles {
    static func docx(_ kind: String) throws -> Data {
        var good = DocxBuilder()
        good.paragraph("一、总体情况")
        switch kind {
        case "corrupt":
            var data = try good.data()
            // Damage the compressed bytes of every entry, keep the ZIP structure.
            for i in stride(from: 60, to: min(data.count - 200, 900), by: 7) { data[i] ^= 0x5A }
            return data
        case "truncated":
            let data = try good.data()
            return data.prefix(data.count * 2 / 3)
        case "longComment":
            // Regression (found by fuzzing): the end record's comment length points past the
            // end of the file; ZIPFoundation refused it and leaked the archive's memory.
            var data = try good.data()
            data[data.count - 2] = 0x40
            return data
        case "encrypted":
            return Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 512)
        case "noDocument":
            var docx = DocxBuilder()
            docx.extraParts = ["word/other.xml": "<x/>"]
            let archive = try Archive(data: try docx.data(), accessMode: .update)
            try archive.remove(archive["word/document.xml"]!)
            return archive.data!
        case "dtd":
            var docx = DocxBuilder()
            docx.paragraph("&lol;")
            let xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;">]>"#
                + docx.documentXML.replacingOccurrences(of: "&amp;lol;", with: "&lol1;")
            return try package(documentXML: xml)
        case "badName":
            // FoundationXML traps on an element name with invalid UTF-8.
            return try package(documentBytes: Data("<w:document xmlns:w=\"u\"><w:".utf8) + Data([0xFF]) + Data("/></w:document>".utf8))
        case "storedFlip":
            // Stored, not deflated: a changed byte is still valid XML; only the CRC tells.
            let bytes = Data(#"<w:document xmlns:w="u"><w:body><w:p><w:r><w:t>甲乙丙</w:t></w:r></w:p></w:body></w:document>"#.utf8)
            var data = try package(documentBytes: bytes, compression: .none)
            let at = data.range(of: Data("甲".utf8))!.lowerBound
            data[at + 2] ^= 0x01
            return data
        case "pkGarbage":
            return Data("PK\u{3}\u{4} but no archive follows".utf8)
        case "malformed":
            return try package(documentXML: "<w:document><w:body><w:p><w:r><w:t>未闭合")
        default:
            return Data("not a zip at all".utf8)
        }
    }

    /// A package with the given document.xml.
    static func package(documentXML: String) throws -> Data {
        try package(documentBytes: Data(documentXML.utf8))
    }

    static func package(documentBytes bytes: Data, compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(bytes.count),
                             compressionMethod: compression) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
        return archive.data!
    }

    /// A .docx whose document.xml inflates to 80 MB of spaces (well over the 64 MB bound).
    static func zipBomb() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let size = 80 << 20
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(size),
                             compressionMethod: .deflate, bufferSize: 1 << 20) { _, n in chunk.prefix(n) }
        return archive.data!
    }
}
