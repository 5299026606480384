import Foundation
import Testing
@testable import BaogaoKit

/// Image sizes read from headers alone, before any OCR.
struct ImageHeaderTests {
    static func png(_ width: UInt32, _ height: UInt32) -> Data {
        var d = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        d += Data("IHDR".utf8) + be32(width) + be32(height) + Data([8, 0, 0, 0, 0, 0, 0, 0, 0])
        return d
    }
    static func be32(_ v: UInt32) -> Data { Data([UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]) }
    static func le32(_ v: UInt32) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]) }
    static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }

    static var jpeg: Data {
        // SOI, an APP0 segment, then SOF0 with height 2339 and width 1653.
        Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x0B, 0x08,
              0x09, 0x23, 0x06, 0x75, 0x01, 0x01, 0x11, 0x00])
    }
    static var tiffLittle: Data {
        var d = Data([0x49, 0x49, 0x2A, 0x00]) + le32(8) + le16(2)
        d += le16(256) + le16(3) + le32(1) + le16(1654) + le16(0)
        d += le16(257) + le16(4) + le32(1) + le32(2339)
        return d + le32(0)
    }
    /// As pdftoppm writes a TIFF: the pixels first, the directory after them.
    static var tiffDirectoryLast: Data {
        var d = Data([0x49, 0x49, 0x2A, 0x00]) + le32(100_008) + Data(count: 100_000)
        d += le16(2) + le16(256) + le16(4) + le32(1) + le32(1653) + le16(257) + le16(4) + le32(1) + le32(2339)
        return d + le32(0)
    }
    static var tiffBig: Data {
        var d = Data([0x4D, 0x4D, 0x00, 0x2A]) + be32(8) + Data([0, 1])
        d += Data([0x01, 0x00, 0x00, 0x04]) + be32(1) + be32(50_000)
        return d + be32(0)
    }
    static var bmp: Data {
        Data("BM".utf8) + Data(count: 16) + le32(800) + le32(UInt32(bitPattern: -600)) + Data(count: 8)
    }
    static var webpVP8X: Data {
        Data("RIFF".utf8) + le32(100) + Data("WEBPVP8X".utf8) + le32(10) + Data([0, 0, 0, 0])
            + Data([0x3F, 0x06, 0x00]) + Data([0x22, 0x09, 0x00])   // 1600 - 1 and 2339 - 1, 24-bit
    }
    static var webpVP8L: Data {
        // 14 bits width - 1, 14 bits height - 1: 100 x 50
        let bits: UInt32 = 99 | (49 << 14)
        return Data("RIFF".utf8) + le32(100) + Data("WEBPVP8L".utf8) + le32(10) + Data([0x2F]) + le32(bits)
    }

    @Test(arguments: [
        (png(1654, 2339), ImageHeader(format: "PNG", width: 1654, height: 2339)),
        (png(50_000, 50_000), ImageHeader(format: "PNG", width: 50_000, height: 50_000)),
        (jpeg, ImageHeader(format: "JPEG", width: 1653, height: 2339)),
        (tiffLittle, ImageHeader(format: "TIFF", width: 1654, height: 2339)),
        (tiffDirectoryLast, ImageHeader(format: "TIFF", width: 1653, height: 2339)),
        (bmp, ImageHeader(format: "BMP", width: 800, height: 600)),
        (webpVP8X, ImageHeader(format: "WebP", width: 1600, height: 2339)),
        (webpVP8L, ImageHeader(format: "WebP", width: 100, height: 50)),
    ])
    func reads(_ data: Data, _ expected: ImageHeader) throws {
        #expect(try ImageHeader.read(data) == expected)
    }

    @Test func aTIFFWithoutHeightIsDamaged() {
        #expect(throws: BaogaoError("damaged TIFF image (no size in its header)")) { try ImageHeader.read(Self.tiffBig) }
    }

    @Test(arguments: [
        (Data("hello, world".utf8), "not an image Baogao reads (no PNG, JPEG, TIFF, BMP or WebP header)"),
        (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), "damaged PNG image (no IHDR header)"),
        (png(0, 100), "damaged PNG image (no size in its header)"),
        (Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]), "damaged JPEG image (no frame header)"),
        (Data([0xFF, 0xD8, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0]), "damaged JPEG image (bad segment at byte 2)"),
        (Data("RIFF".utf8) + le32(4) + Data("WEBPXXXX".utf8), "damaged WebP image (no frame header)"),
    ])
    func refuses(_ data: Data, _ reason: String) {
        #expect(throws: BaogaoError(reason)) { try ImageHeader.read(data) }
    }
}
