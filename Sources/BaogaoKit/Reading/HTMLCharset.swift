import Foundation

/// Decodes an HTML page: the charset its `<meta>` declares is honoured (GBK/GB2312/GB18030
/// pages are common), else the bytes are recognised as for a .txt file.
///
/// ```swift
/// HTMLCharset.declared(in: Data(#"<meta charset="gb2312">"#.utf8))   // "gb2312"
/// let decoded = try HTMLCharset.decode(pageBytes)
/// ```
enum HTMLCharset {
    /// How far into the page the `<meta>` is looked for.
    static let probeLength = 8 * 1024

    /// The charset named by `<meta charset=…>` or `<meta http-equiv="Content-Type"
    /// content="…; charset=…">` near the start of the page, lower-cased.
    static func declared(in data: Data) -> String? {
        let head = String(decoding: data.prefix(probeLength), as: UTF8.self).lowercased()
        var searchFrom = head.startIndex
        while let meta = head.range(of: "<meta", range: searchFrom..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let charset = tag.range(of: "charset") {
                var rest = tag[charset.upperBound...].drop { $0 == " " }
                if rest.first == "=" {
                    rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                    let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                    if !name.isEmpty { return String(name) }
                }
            }
            searchFrom = tagEnd
        }
        return nil
    }

    static let gbNames: Set<String> = ["gbk", "gb2312", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn",
                                       "csgb2312", "gb_2312-80", "iso-ir-58", "chinese", "hz-gb-2312"]

    /// The page's text. A declared GB charset is decoded as GB18030 when the bytes allow it;
    /// everything else (and a wrong declaration) goes through the text decoder.
    static func decode(_ data: Data) throws(BaogaoError) -> DecodedText {
        if let charset = declared(in: data), gbNames.contains(charset),
           !data.starts(with: [0xEF, 0xBB, 0xBF]), !data.starts(with: [0xFF, 0xFE]), !data.starts(with: [0xFE, 0xFF]),
           let text = gb18030(data) {
            return DecodedText(text: text, encoding: .gb18030)
        }
        return try PlainTextReader.decode(data)
    }

    /// Strict GB18030, or `nil` when the bytes are not valid GB18030.
    static func gb18030(_ data: Data) -> String? {
        guard let converter = GB18030Converter() else { return nil }
        var output: [UInt8] = []
        let failure = data.withUnsafeBytes { raw in
            converter.convert(raw.bindMemory(to: UInt8.self), appendingTo: &output)
        }
        guard failure == nil else { return nil }
        return String(validating: output, as: UTF8.self)
    }
}
