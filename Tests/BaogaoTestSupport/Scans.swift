import BaogaoSpawn
import Foundation

/// Makes scans of text for the OCR tests: the text laid out on A4 pages by ``PDFBuilder`` in a
/// Chinese font, rendered to page images by pdftoppm (poppler-utils, with poppler-data and
/// fonts-noto-cjk to draw the font), optionally turned and speckled like a page on a scanner's
/// glass, and wrapped into image-only PDFs (no text layer).
///
/// ```swift
/// guard let scans = Scans.available() else { return }   // prints why when it is not
/// let pngs = try scans.images(of: paragraphs, format: .png, in: folder, name: "page")
/// ```
public struct Scans: Sendable {
    public let pdftoppm: URL

    public enum Format: String, Sendable {
        case png, jpeg, tiff
        var fileExtension: String { self == .jpeg ? "jpg" : rawValue == "tiff" ? "tif" : rawValue }
    }

    /// Scans can be made and read: pdftoppm, tesseract with Chinese data, a Chinese font.
    /// Prints what is missing otherwise.
    public static func available() -> Scans? {
        func find(_ name: String) -> URL? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            return (path.split(separator: ":").map(String.init) + ["/usr/bin"])
                .map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }
        guard let pdftoppm = find("pdftoppm"), find("tesseract") != nil,
              FileManager.default.fileExists(atPath: "/usr/share/poppler/cMap/Adobe-GB1"),
              (try? FileManager.default.contentsOfDirectory(atPath: "/usr/share/fonts/opentype/noto"))?
                .contains(where: { $0.contains("CJK") }) == true else {
            print("skipped: OCR tests need poppler-utils, poppler-data, fonts-noto-cjk, tesseract-ocr and tesseract-ocr-chi-sim")
            return nil
        }
        return Scans(pdftoppm: pdftoppm)
    }

    /// A text PDF of `blocks` in the Song font, turned by `rotation` degrees with `specks` of dirt.
    public static func textPDF(_ blocks: [(text: String, isHeading: Bool)], rotation: Double = 0,
                               specks: Int = 0) -> PDFBuilder {
        var pdf = PDFBuilder(font: .song)
        pdf.rotation = rotation
        pdf.specks = specks
        pdf.flow(blocks)
        return pdf
    }

    /// Renders every page of `pdf` at `dpi` in grey, as `name-1.png`, `name-2.png`, … in `folder`.
    public func images(of pdf: PDFBuilder, format: Format, dpi: Int = 200, in folder: URL,
                       name: String) throws -> [URL] {
        let source = folder.appendingPathComponent(".\(name)-source.pdf")
        try pdf.data().write(to: source)
        defer { try? FileManager.default.removeItem(at: source) }
        var urls: [URL] = []
        for page in 1...pdf.pages.count {
            let base = folder.appendingPathComponent("\(name)-\(page)")
            let process = SpawnedProcess()
            process.executableURL = pdftoppm
            process.arguments = ["-r", String(dpi), "-f", String(page), "-l", String(page), "-gray",
                                 "-\(format.rawValue)", "-singlefile", source.path, base.path]
            try process.run()
            process.waitUntilExit()
            let written = base.appendingPathExtension(format == .jpeg ? "jpg" : format == .tiff ? "tif" : "png")
            guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: written.path) else {
                throw ScanError("pdftoppm could not render page \(page) of \(name)")
            }
            let wanted = base.appendingPathExtension(format.fileExtension)
            if wanted != written { try FileManager.default.moveItem(at: written, to: wanted) }
            urls.append(wanted)
        }
        return urls
    }

    /// An image-only PDF of `pdf`'s pages: each rendered at `dpi` as a grey JPEG, one per page.
    public func imageOnlyPDF(of pdf: PDFBuilder, dpi: Int = 200, scratch: URL) throws -> PDFBuilder {
        let jpegs = try images(of: pdf, format: .jpeg, dpi: dpi, in: scratch, name: ".scan-\(UUID().uuidString)")
        var scan = PDFBuilder()
        for jpeg in jpegs {
            let data = try Data(contentsOf: jpeg)
            try? FileManager.default.removeItem(at: jpeg)
            guard let (width, height, components) = Self.jpegSize(data) else { throw ScanError("pdftoppm wrote no JPEG") }
            scan.imagePage(PDFBuilder.ScanImage(jpeg: data, width: width, height: height, gray: components == 1))
        }
        return scan
    }

    /// The width, height and colour components in a JPEG's first frame header (pdftoppm's
    /// `-gray -jpeg` writes three).
    public static func jpegSize(_ data: Data) -> (Int, Int, Int)? {
        let b = [UInt8](data)
        var i = 2
        while i + 9 < b.count, b[i] == 0xFF {
            let marker = b[i + 1]
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]), Int(b[i + 9]))
            }
            i += 2 + (Int(b[i + 2]) << 8 | Int(b[i + 3]))
        }
        return nil
    }

    public struct ScanError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
