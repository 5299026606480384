import Foundation

/// A report read from disk and parsed: everything the index stores about one file.
struct ParsedReport: Sendable {
    var file: FoundFile
    var hash: String
    var encoding: TextEncoding
    var note: String?
    var metadata: ReportMetadata
    var structure: DocumentStructure
}

/// Reads one report file: bytes → text → structure → metadata.
enum ReportReader {
    /// Files larger than this are not read whole into memory.
    static let maximumSize: Int64 = 256 << 20

    static func read(_ file: FoundFile) throws(BaogaoError) -> ParsedReport {
        guard file.size <= maximumSize else {
            throw BaogaoError("file is larger than \(maximumSize >> 20) MB")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            throw BaogaoError("cannot be read (\((error as NSError).localizedDescription))")
        }
        return try parse(data, file: file)
    }

    /// At most this share of a file's bytes may be replaced for it to be indexed anyway.
    static let maximumReplacedShare = 0.01

    static func parse(_ data: Data, file: FoundFile) throws(BaogaoError) -> ParsedReport {
        let decoded = try decode(data)
        let structure = StructureParser.parse(decoded.text)
        let fileName = (file.relativePath as NSString).lastPathComponent
        let metadata = MetadataInference.infer(fileName: fileName, text: decoded.text, structure: structure)
        let note = decoded.replacedBytes > 0
            ? "mixed or damaged encoding: \(decoded.replacedBytes) undecodable byte\(decoded.replacedBytes == 1 ? "" : "s") replaced with �"
            : (decoded.encoding == .utf8WithGB18030 ? "mixed encodings (UTF-8 and GB18030) decoded" : nil)
        return ParsedReport(file: file, hash: ContentHash.hex(of: data), encoding: decoded.encoding,
                            note: note, metadata: metadata, structure: structure)
    }

    /// Strict decoding first; a malformed file whose damage is small is decoded lossily.
    static func decode(_ data: Data) throws(BaogaoError) -> DecodedText {
        do {
            return try TextDecoder.decode(data)
        } catch {
            guard error.kind == .malformed else { throw BaogaoError(error.reason) }
            let lossy = TextDecoder.decodeLossy(data)
            guard Double(lossy.replacedBytes) <= Double(data.count) * maximumReplacedShare else {
                throw BaogaoError(error.reason)
            }
            return lossy
        }
    }
}

/// A fast 64-bit FNV-1a hash of a file's bytes, to tell a touched file from a changed one.
enum ContentHash {
    static func hex(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }
}
