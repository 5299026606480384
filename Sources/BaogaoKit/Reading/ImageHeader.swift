import Foundation

/// The format and pixel size of an image, read from its first bytes without decoding it:
/// PNG, JPEG, TIFF, BMP and WebP. Pure.
///
/// OCR decodes a whole page into memory (a byte a pixel at least), so an image's size is
/// checked here, before Tesseract sees it: a 50,000 × 50,000 PNG of a few kilobytes would
/// otherwise ask for gigabytes.
///
/// ```swift
/// let header = try ImageHeader.read(data)   // ImageHeader(format: "PNG", width: 1654, height: 2339)
/// header.pixels                             // 3_868_706
/// ```
struct ImageHeader: Sendable, Hashable {
    var format: String
    var width: Int
    var height: Int

    var pixels: Int { width * height }

    /// Reads the header, or throws why it is not a readable image.
    static func read(_ data: Data) throws(BaogaoError) -> ImageHeader {
        let b = [UInt8](data.prefix(64 << 10))
        func be16(_ i: Int) -> Int { i + 1 < b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : -1 }
        func le16(_ i: Int) -> Int { i + 1 < b.count ? Int(b[i + 1]) << 8 | Int(b[i]) : -1 }
        func be32(_ i: Int) -> Int { i + 3 < b.count ? be16(i) << 16 | be16(i + 2) : -1 }
        func le32(_ i: Int) -> Int { i + 3 < b.count ? le16(i + 2) << 16 | le16(i) : -1 }
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            offset + bytes.count <= b.count && Array(b[offset..<offset + bytes.count]) == bytes
        }
        func sized(_ format: String, _ width: Int, _ height: Int) throws(BaogaoError) -> ImageHeader {
            guard width > 0, height > 0 else { throw BaogaoError("damaged \(format) image (no size in its header)") }
            return ImageHeader(format: format, width: width, height: height)
        }

        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            guard starts(Array("IHDR".utf8), at: 12) else { throw BaogaoError("damaged PNG image (no IHDR header)") }
            return try sized("PNG", be32(16), be32(20))
        }
        if starts([0xFF, 0xD8]) {
            // Walk the segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG, DAC).
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { throw BaogaoError("damaged JPEG image (bad segment at byte \(i))") }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return try sized("JPEG", be16(i + 7), be16(i + 5))
                }
                let length = be16(i + 2)
                guard length >= 2 else { throw BaogaoError("damaged JPEG image (bad segment at byte \(i))") }
                i += 2 + length
            }
            throw BaogaoError("damaged JPEG image (no frame header)")
        }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            // A TIFF's directory may stand anywhere, often after the pixels.
            let b = [UInt8](data)
            func be16(_ i: Int) -> Int { i >= 0 && i + 1 < b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : -1 }
            func le16(_ i: Int) -> Int { i >= 0 && i + 1 < b.count ? Int(b[i + 1]) << 8 | Int(b[i]) : -1 }
            func be32(_ i: Int) -> Int { i >= 0 && i + 3 < b.count ? be16(i) << 16 | be16(i + 2) : -1 }
            func le32(_ i: Int) -> Int { i >= 0 && i + 3 < b.count ? le16(i + 2) << 16 | le16(i) : -1 }
            let little = b[0] == 0x49
            let u16 = little ? le16 : be16
            let u32 = little ? le32 : be32
            let ifd = u32(4)
            let count = u16(ifd)
            guard ifd >= 8, count > 0 else { throw BaogaoError("damaged TIFF image (no directory)") }
            var width = -1, height = -1
            for entry in 0..<min(count, 512) {
                let at = ifd + 2 + entry * 12
                guard at + 12 <= b.count else { break }
                let tag = u16(at), type = u16(at + 2)
                let value = type == 3 ? u16(at + 8) : u32(at + 8)
                if tag == 256 { width = value }
                if tag == 257 { height = value }
            }
            return try sized("TIFF", width, height)
        }
        if starts(Array("BM".utf8)), b.count >= 26 {
            let height = Int(Int32(truncatingIfNeeded: UInt32(le32(22))))
            return try sized("BMP", le32(18), abs(height))
        }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) {
            if starts(Array("VP8X".utf8), at: 12), b.count >= 30 {
                let width = (Int(b[24]) | Int(b[25]) << 8 | Int(b[26]) << 16) + 1
                let height = (Int(b[27]) | Int(b[28]) << 8 | Int(b[29]) << 16) + 1
                return try sized("WebP", width, height)
            }
            if starts(Array("VP8L".utf8), at: 12), b.count >= 25 {
                let bits = le32(21)
                return try sized("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            }
            if starts(Array("VP8 ".utf8), at: 12), b.count >= 30 {
                return try sized("WebP", le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            }
            throw BaogaoError("damaged WebP image (no frame header)")
        }
        throw BaogaoError("not an image Baogao reads (no PNG, JPEG, TIFF, BMP or WebP header)")
    }
}
