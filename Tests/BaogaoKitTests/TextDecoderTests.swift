import Foundation
import Testing
@testable import BaogaoKit

/// A report excerpt with what real reports hold: full-width letters, digits and space,
/// ASCII inside Chinese (PM2.5, GDP), curly quotes, book-title marks and CRLF line breaks.
private let reportText = """
    二〇二三年政府工作报告\r
    一、过去一年工作回顾\r
    全国地级及以上城市细颗粒物（PM2.5）平均浓度下降3.2%，“十四五”规划《纲要》主要指标进展符合预期。\r
    全角字符：ＡＢＣ１２３，全角空格：　；国内生产总值（GDP）增长5.2%。\r

    """

struct EncodedSample: Sendable, CustomTestStringConvertible {
    var name: String
    var data: Data
    var encoding: TextEncoding
    var testDescription: String { name }
}

struct FailingSample: Sendable, CustomTestStringConvertible {
    var name: String
    var data: Data
    var kind: DecodingFailure.Kind
    /// Words the reason must contain.
    var mentions: [String]
    var testDescription: String { name }
}

@Suite struct TextDecoderTests {
    // MARK: One text, every encoding

    static let samples: [EncodedSample] = [
        EncodedSample(name: "UTF-8", data: TestEncodings.utf8(reportText), encoding: .utf8),
        EncodedSample(name: "UTF-8 with BOM", data: TestEncodings.utf8WithBOM(reportText), encoding: .utf8BOM),
        EncodedSample(name: "UTF-16LE with BOM", data: TestEncodings.utf16(reportText, bigEndian: false), encoding: .utf16LE),
        EncodedSample(name: "UTF-16BE with BOM", data: TestEncodings.utf16(reportText, bigEndian: true), encoding: .utf16BE),
        EncodedSample(name: "GB18030", data: TestEncodings.gb18030(reportText), encoding: .gb18030),
    ]

    @Test func gb18030HelperEncodesKnownBytes() {
        #expect(Array(TestEncodings.gb18030("中文")) == [0xD6, 0xD0, 0xCE, 0xC4])
        #expect(Array(TestEncodings.gb18030("€")) == [0xA2, 0xE3])
    }

    @Test(arguments: samples)
    func sameReportInEveryEncoding(_ sample: EncodedSample) throws {
        let decoded = try TextDecoder.decode(sample.data)
        #expect(decoded.text == reportText)
        #expect(decoded.encoding == sample.encoding)
        #expect(decoded.replacedBytes == 0)
        #expect(decoded.text.unicodeScalars.first != "\u{FEFF}")
        #expect(decoded.text.components(separatedBy: "\r\n").count == 5)
    }

    @Test(arguments: samples)
    func lossyDecodingOfValidTextIsTheStrictResult(_ sample: EncodedSample) throws {
        let strict = try TextDecoder.decode(sample.data)
        #expect(TextDecoder.decodeLossy(sample.data) == strict)
    }

    @Test func charactersBeyondGBKRoundTripThroughGB18030() throws {
        // U+20000 (CJK Extension B) takes four bytes in GB18030; GBK has neither it nor "€"
        // (which GB18030 has at A2 E3) nor Extension A's "䶮".
        let text = "𠀀字与欧元符号€、䶮，共3个。\n"
        let data = TestEncodings.gb18030(text)
        #expect(data.range(of: Data([0x95, 0x32, 0x82, 0x36])) != nil)
        #expect(data.range(of: Data([0xA2, 0xE3])) != nil)
        let decoded = try TextDecoder.decode(data)
        #expect(decoded.text == text)
        #expect(decoded.encoding == .gb18030)
    }

    @Test func emptyDataIsEmptyUTF8() throws {
        #expect(try TextDecoder.decode(Data()) == DecodedText(text: "", encoding: .utf8))
        #expect(TextDecoder.decodeLossy(Data()) == DecodedText(text: "", encoding: .utf8))
    }

    @Test func shortASCIIIsUTF8() throws {
        let decoded = try TextDecoder.decode(Data("GDP 5.2%\n".utf8))
        #expect(decoded == DecodedText(text: "GDP 5.2%\n", encoding: .utf8))
    }

    // MARK: Undecodable input

    static let failing: [FailingSample] = {
        // Deterministic "random" bytes (a linear congruential generator), with NULs in them.
        var state: UInt32 = 12345
        var noise = [UInt8]()
        for _ in 0..<600 {
            state = state &* 1_103_515_245 &+ 12345
            noise.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        noise[100] = 0
        noise[0] = 0x42 // no signature, no byte-order mark

        let descending = Data((0x80...0xFF).reversed().map { UInt8($0) })
        let controls = Data([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xB0, 0xA1, 0x07, 0x08, 0x0B, 0x0E, 0x0F, 0x10])
        return [
            FailingSample(name: "random bytes with NUL", data: Data(noise), kind: .binary, mentions: ["binary", "NUL"]),
            FailingSample(name: "PDF header", data: Data("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n".utf8), kind: .binary, mentions: ["binary", "PDF"]),
            FailingSample(name: "ZIP header", data: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), kind: .binary, mentions: ["binary", "ZIP", ".docx"]),
            FailingSample(name: "old Office header", data: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00]), kind: .binary, mentions: ["binary", ".doc"]),
            FailingSample(name: "PNG header", data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]), kind: .binary, mentions: ["PNG"]),
            FailingSample(name: "JPEG header", data: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]), kind: .binary, mentions: ["JPEG"]),
            FailingSample(name: "gzip header", data: Data([0x1F, 0x8B, 0x08, 0x00]), kind: .binary, mentions: ["gzip"]),
            FailingSample(name: "0xFF 0xFE 0xFD (UTF-16LE mark, odd length)", data: Data([0xFF, 0xFE, 0xFD]), kind: .malformed, mentions: ["UTF-16LE", "odd number of bytes"]),
            FailingSample(name: "0xFF 0xFE 0xFD … 0x80", data: descending, kind: .malformed, mentions: ["UTF-16LE", "unpaired surrogate"]),
            FailingSample(name: "0xFF 0xFE 0xFD after ASCII", data: Data([0x41, 0xFF, 0xFE, 0xFD]), kind: .malformed, mentions: ["not valid UTF-8 or GB18030", "invalid byte 0xFF at offset 1"]),
            FailingSample(name: "truncated UTF-16BE", data: TestEncodings.utf16("报告", bigEndian: true) + Data([0x4E]), kind: .malformed, mentions: ["UTF-16BE", "odd number of bytes"]),
            FailingSample(name: "unpaired UTF-16 surrogate", data: Data([0xFE, 0xFF, 0xD8, 0x3D, 0x00, 0x41]), kind: .malformed, mentions: ["unpaired surrogate 0xD83D at offset 2"]),
            FailingSample(name: "UTF-32LE", data: Data([0xFF, 0xFE, 0x00, 0x00, 0x2D, 0x4E, 0x00, 0x00]), kind: .unsupported, mentions: ["UTF-32LE"]),
            FailingSample(name: "UTF-16 without byte-order mark", data: TestEncodings.utf16("Annual report 2023\n", bigEndian: false, bom: false), kind: .unsupported, mentions: ["UTF-16", "byte-order mark"]),
            FailingSample(name: "GB18030 full of control characters", data: controls, kind: .binary, mentions: ["not text", "control characters"]),
            FailingSample(name: "GB18030 cut inside a character", data: TestEncodings.gb18030("报告") + Data([0xB1]), kind: .malformed, mentions: ["truncated character at offset 4"]),
            FailingSample(name: "UTF-8 BOM, invalid UTF-8", data: TestEncodings.utf8WithBOM("ab") + Data([0xFF]), kind: .malformed, mentions: ["UTF-8 byte-order mark", "invalid byte 0xFF at offset 5"]),
        ]
    }()

    @Test(arguments: failing)
    func undecodableInputFailsWithReason(_ sample: FailingSample) {
        #expect {
            try TextDecoder.decode(sample.data)
        } throws: { error in
            guard let failure = error as? DecodingFailure else { return false }
            #expect(failure.kind == sample.kind, "\(failure.reason)")
            for word in sample.mentions {
                #expect(failure.reason.contains(word), "\(failure.reason)")
            }
            #expect(failure.reason.count < 100)
            return true
        }
    }

    // MARK: Mixed encodings

    @Test func mixedUTF8AndGBKDecodeLossilyWithoutReplacement() throws {
        let pieces: [(text: String, gbk: Bool)] = [
            ("第一章　总则\n", false),
            ("　　为了规范报告编写，", true),
            ("制定本办法。PM2.5“达标”\n", false),
            ("《报告》", true),
            ("结束。", false),
        ]
        let data = pieces.reduce(into: Data()) {
            $0 += $1.gbk ? TestEncodings.gb18030($1.text) : TestEncodings.utf8($1.text)
        }
        #expect(throws: DecodingFailure.self) { try TextDecoder.decode(data) }

        let decoded = TextDecoder.decodeLossy(data)
        #expect(decoded.text == pieces.map(\.text).joined())
        #expect(decoded.replacedBytes == 0)
        #expect(decoded.encoding == .utf8WithGB18030)
    }

    @Test func gbkNextToUTF8IsNotReadAsGB18030() throws {
        // As a whole these bytes are valid GB18030 ("鍓嶈█　　鍓嶈█"); they are mostly UTF-8.
        let data = TestEncodings.utf8("前言") + TestEncodings.gb18030("　　") + TestEncodings.utf8("前言")
        #expect {
            try TextDecoder.decode(data)
        } throws: { error in
            (error as? DecodingFailure)?.reason.contains("mixed or damaged UTF-8") == true
        }
        let decoded = TextDecoder.decodeLossy(data)
        #expect(decoded.text == "前言　　前言")
        #expect(decoded.replacedBytes == 0)
    }

    @Test func garbageBytesAreReplacedAndCounted() throws {
        let data = TestEncodings.utf8("开头") + Data([0xFF, 0x80]) + TestEncodings.gb18030("中文")
            + TestEncodings.utf8("结尾𠀀") + Data([0xC0])
        let decoded = TextDecoder.decodeLossy(data)
        #expect(decoded.text == "开头\u{FFFD}\u{FFFD}中文结尾𠀀\u{FFFD}")
        #expect(decoded.replacedBytes == 3)
        #expect(decoded.encoding == .utf8WithGB18030)
    }

    @Test func mostlyGBKFileWithOneBadByte() throws {
        let data = TestEncodings.gb18030(reportText) + Data([0xFF]) + TestEncodings.gb18030("应该")
        let decoded = TextDecoder.decodeLossy(data)
        #expect(decoded.text == reportText + "\u{FFFD}应该")
        #expect(decoded.replacedBytes == 1)
        #expect(decoded.encoding == .gb18030)
    }

    @Test func damagedUTF16IsRepairedLossily() throws {
        // "报" D800(unpaired) "告" + one stray byte.
        let data = Data([0xFE, 0xFF, 0x62, 0xA5, 0xD8, 0x00, 0x54, 0x4A, 0x0A])
        let decoded = TextDecoder.decodeLossy(data)
        #expect(decoded.text == "报\u{FFFD}告\u{FFFD}")
        #expect(decoded.replacedBytes == 3)
        #expect(decoded.encoding == .utf16BE)
    }
}
