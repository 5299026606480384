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
    /// Pages that are one image each (a scan, no text layer), by page index.
    public var images: [Int: ScanImage] = [:]

    /// How the text's font is named.
    public enum Font: Sendable {
        /// A font of its own whose codes are Unicode scalars: pdftotext extracts the text,
        /// but nothing draws legible glyphs.
        case identity
        /// Adobe's STSong-Light (Adobe-GB1, UCS-2 codes), not embedded: poppler draws it with
        /// an installed Chinese font (fonts-noto-cjk, with poppler-data's maps), so pdftoppm
        /// renders pages a person (and OCR) can read.
        case song
    }

    public var font: Font
    /// Degrees the text is turned by (counter-clockwise), as a page on a scanner's glass.
    public var rotation: Double = 0
    /// Specks of dirt drawn on each page (seeded: the same on every run).
    public var specks = 0
    /// Points per character.
    public var fontSize = 12

    /// A JPEG image that fills a page.
    public struct ScanImage: Sendable {
        public var jpeg: Data
        public var width: Int
        public var height: Int
        public var gray: Bool

        public init(jpeg: Data, width: Int, height: Int, gray: Bool = true) {
            (self.jpeg, self.width, self.height, self.gray) = (jpeg, width, height, gray)
        }
    }

    public init(font: Font = .identity) {
        self.font = font
    }

    /// Adds a page holding only `image` (a scanned page without a text layer).
    public mutating func imagePage(_ image: ScanImage) {
        if !(pages.last?.isEmpty ?? true) || images[pages.count - 1] != nil { newPage() }
        images[pages.count - 1] = image
    }

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
        let (fontName, encoding, descendant) = switch font {
        case .identity:
            ("Song", "Identity-H", "/Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>")
        case .song:
            ("STSong-Light", "UniGB-UCS2-H", "/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>")
        }
        var objects: [Data] = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "", // pages, below
            "<< /Type /Font /Subtype /Type0 /BaseFont /\(fontName) /Encoding /\(encoding) /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
            "<< /Type /Font \(descendant) /FontDescriptor 6 0 R /DW 1000 >>",
            Self.stream(Self.toUnicode),
            "<< /Type /FontDescriptor /FontName /\(fontName) /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ].map { Data($0.utf8) }
        var kids: [String] = []
        let angle = rotation * .pi / 180
        let (c, s) = (cos(angle), sin(angle))
        for (index, page) in pages.enumerated() {
            var resources = "/Font << /F1 3 0 R >>"
            var content = ""
            if let image = images[index] {
                var header = Data("<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) ".utf8)
                header.append(Data("/ColorSpace /\(image.gray ? "DeviceGray" : "DeviceRGB") /BitsPerComponent 8 /Filter /DCTDecode /Length \(image.jpeg.count) >>\nstream\n".utf8))
                objects.append(header + image.jpeg + Data("\nendstream".utf8))
                resources += " /XObject << /Im1 \(objects.count) 0 R >>"
                content += "q 595 0 0 842 0 0 cm /Im1 Do Q\n"
            }
            content += "BT\n/F1 \(fontSize) Tf\n"
            for item in page {
                let hex = item.text.unicodeScalars.map { String(format: "%04X", $0.value) }.joined()
                let x = Double(item.x) * c - Double(item.y) * s + 298 * (1 - c) + 421 * s
                let y = Double(item.x) * s + Double(item.y) * c + 421 * (1 - c) - 298 * s
                content += String(format: "%.4f %.4f %.4f %.4f %.2f %.2f Tm ", c, s, -s, c, x, y) + "<\(hex)> Tj\n"
            }
            content += "ET\n"
            var random = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            for _ in 0..<specks {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let x = Int(random >> 33) % 595, y = Int(random >> 13) % 842
                let size = 0.4 + Double(Int(random >> 50) % 8) / 10
                content += String(format: "%d %d %.1f %.1f re f\n", x, y, size, size)
            }
            objects.append(Data(Self.stream(content).utf8))
            let contentID = objects.count
            objects.append(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(contentID) 0 R /Resources << \(resources) >> >>".utf8))
            kids.append("\(objects.count) 0 R")
        }
        objects[1] = Data("<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(kids.count) >>".utf8)

        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out.append(Data("\(i + 1) 0 obj\n".utf8) + object + Data("\nendobj\n".utf8))
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
