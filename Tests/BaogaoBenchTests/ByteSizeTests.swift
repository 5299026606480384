import Testing
import BaogaoBenchKit

struct ByteSizeTests {
    @Test(arguments: [
        ("100MB", 100_000_000),
        ("100mb", 100_000_000),
        ("100 MB", 100_000_000),
        ("1.5GB", 1_500_000_000),
        ("512k", 512_000),
        ("512kB", 512_000),
        ("64MiB", 67_108_864),
        ("1KiB", 1024),
        ("4096", 4096),
        ("4096B", 4096),
        ("10M", 10_000_000),
        ("0.5MB", 500_000),
    ])
    func parses(_ text: String, _ bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "ten MB", "100XB", "-5MB", "1.2.3MB", "100 M B x"])
    func rejects(_ text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test(arguments: [
        (63_412_345, "63.4 MB"),
        (100_000_000, "100.0 MB"),
        (52_345, "52.3 kB"),
    ])
    func formats(_ bytes: Int, _ text: String) {
        #expect(ByteSize.format(bytes) == text)
    }

    @Test(arguments: [
        (10_000_000, "10MB"),
        (1_500_000_000, "1.5GB"),
        (512_000, "512kB"),
    ])
    func labels(_ bytes: Int, _ text: String) {
        #expect(ByteSize.label(bytes) == text)
    }
}
