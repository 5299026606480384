import Foundation
import ZIPFoundation

/// Reads the parts of a ZIP package (.docx) held in memory, with bounds: no entry may
/// inflate to more than ``entryLimit`` bytes, nor all entries read together to more than
/// ``totalLimit``, whatever sizes the archive declares. A zip bomb is refused, not expanded.
/// The directory is checked first (``ZipDirectory``), so that ZIPFoundation never follows an
/// offset out of the bytes.
///
/// ```swift
/// var zip = try ZipPackage(data, path: "a.docx")
/// let xml = try zip.part("word/document.xml")   // nil when the part is missing
/// ```
struct ZipPackage {
    /// The most one entry may inflate to.
    static let entryLimit = 64 << 20
    /// The most all entries read from one package may inflate to.
    static let totalLimit = 256 << 20

    private let archive: Archive
    private let path: String
    private var total = 0

    /// Opens the package; fails with a message when the data is no ZIP archive, is an
    /// encrypted Office file, or holds encrypted entries.
    init(_ data: Data, path: String) throws(BaogaoError) {
        self.path = path
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw BaogaoError("encrypted (password-protected) Word file, or an old .doc renamed: "
                              + "remove the password or save it again as .docx")
        }
        guard data.starts(with: [0x50, 0x4B]) else {
            throw BaogaoError("not a Word .docx file (no ZIP archive inside)")
        }
        switch ZipDirectory.check(data) {
        case .sound: break
        case .encrypted: throw BaogaoError("encrypted ZIP entries: remove the password and save it again as .docx")
        case .damaged(let why): throw BaogaoError("damaged .docx (\(why))")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw BaogaoError("damaged .docx (the ZIP archive cannot be read)")
        }
    }

    /// The bytes of the entry at `name`, or `nil` when there is none.
    mutating func part(_ name: String) throws(BaogaoError) -> Data? {
        guard let entry = archive[name], entry.type == .file else { return nil }
        let declared = entry.uncompressedSize
        guard declared <= UInt64(Self.entryLimit), total + Int(declared) <= Self.totalLimit else {
            throw BaogaoError("\(name) inflates to \(declared >> 20) MB, more than the \(Self.entryLimit >> 20) MB "
                              + "allowed (a zip bomb?)")
        }
        var out = Data()
        out.reserveCapacity(Int(declared))
        let budget = min(Self.entryLimit, Self.totalLimit - total)
        do {
            let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= budget else { throw Overflow() }
                out.append(chunk)
            }
            // extract(_:consumer:) computes the checksum but leaves the comparison to us.
            guard checksum == entry.checksum else { throw Archive.ArchiveError.invalidCRC32 }
        } catch is Overflow {
            throw BaogaoError("\(name) inflates to more than \(budget >> 20) MB (a zip bomb?)")
        } catch {
            throw BaogaoError("damaged .docx (\(name) cannot be inflated: \(Self.describe(error)))")
        }
        total += out.count
        return out
    }

    private struct Overflow: Error {}

    private static func describe(_ error: any Error) -> String {
        if let error = error as? Archive.ArchiveError {
            switch error {
            case .invalidCRC32: return "checksum mismatch"
            case .invalidCompressionMethod: return "unknown compression method"
            default: return "invalid archive data"
            }
        }
        return "invalid compressed data"
    }
}
