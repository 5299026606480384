import Foundation

/// Writes small PDF files in code: text drawn at given positions with a CID font whose
/// ToUnicode map makes every code its own Unicode scalar, so pdftotext extracts Chinese
/// without any embedded font.
///
/// ```swift
/// var pdf = PDFBuilder()
/// pdf.text("一、总体情况", x: 72, y: 760)
/// try pdf.data().write(to: url)
/// ```
public struct PDFBuilder {
    /// Text per page: (x, y, text), y from the bottom of an A4 page.
    public var pages: [[(x: Int, y: Int, text: String)]] = [[]]

    public init() {}

    public mutating func text(_ text: String, x: Int, y: Int) {
        pages[pages.count - 1].append((x, y, text))
    }

    public mutating func newPage() { pages.append([]) }

    /// Lays out paragraphs as a word processor would: 12 pt characters, 28 per line, the
    /// first line indented by two characters, lines 18 pt apart, headings on a line of their
    /// own with a larger gap before them.
    public mutating func flow(_ blocks: [(text: String, isHeading: Bool)], perLine: Int = 28, top: Int = 780) {
        var y = top
        for block in blocks {
            var chars = Array(block.text.unicodeScalars)
            if block.isHeading {
                y -= 8
                text(String(String.UnicodeScalarView(chars)), x: 72, y: y)
                y -= 18
                continue
            }
            var first = true
            while !chars.isEmpty {
                let room = first ? perLine - 2 : perLine
                let line = Array(chars.prefix(room))
                chars.removeFirst(line.count)
                text(String(String.UnicodeScalarView(line)), x: first ? 96 : 72, y: y)
                first = false
                y -= 18
                if y < 60 {
                    newPage()
                    y = top
                }
            }
        }
    }

    public func data() -> Data {
        var objects: [String] = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "", // pages, below
            "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>",
            Self.stream(Self.toUnicode),
            "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ]
        var kids: [String] = []
        for page in pages {
            var content = "BT\n/F1 12 Tf\n"
            for item in page {
                let hex = item.text.unicodeScalars.map { String(format: "%04X", $0.value) }.joined()
                content += "1 0 0 1 \(item.x) \(item.y) Tm <\(hex)> Tj\n"
            }
            content += "ET\n"
            objects.append(Self.stream(content))
            let contentID = objects.count
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(contentID) 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
            kids.append("\(objects.count) 0 R")
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(kids.count) >>"

        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out.append(Data("\(i + 1) 0 obj\n\(object)\nendobj\n".utf8))
        }
        let xref = out.count
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(Data(tail.utf8))
        return out
    }

    private static func stream(_ content: String) -> String {
        "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream"
    }

    /// Maps codes 0000–FFFF to the same scalars (one range per high byte; ranges may not
    /// cross a high byte). Surrogates are left out.
    private static let toUnicode: String = {
        var ranges: [String] = []
        for high in 0...0xFF where !(0xD8...0xDF).contains(high) {
            ranges.append(String(format: "<%02X00> <%02XFF> <%02X00>", high, high, high))
        }
        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        for chunk in stride(from: 0, to: ranges.count, by: 100) {
            let part = ranges[chunk..<min(chunk + 100, ranges.count)]
            cmap += "\(part.count) beginbfrange\n" + part.joined(separator: "\n") + "\nendbfrange\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return cmap
    }()
}
