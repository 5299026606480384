import Foundation

/// Checks a ZIP archive's directory before ZIPFoundation reads it: every entry and its data
/// must lie inside the bytes, with a known compression method. ZIPFoundation trusts these
/// offsets, and a damaged or crafted archive would make it read past the end.
///
/// ```swift
/// switch ZipDirectory.check(data) {
/// case .sound: break
/// case .encrypted: …      // entries with the "encrypted" flag
/// case .damaged(let why): …
/// }
/// ```
enum ZipDirectory {
    enum Verdict: Equatable {
        case sound
        case encrypted
        case damaged(String)
    }

    /// The most entries a Word package may list.
    static let maximumEntries = 10_000

    static func check(_ data: Data) -> Verdict {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Verdict in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
            func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
            guard n >= 22 else { return .damaged("too short for a ZIP archive") }

            // The end-of-central-directory record, within the last 64 KB + 22 bytes.
            var eocd = n - 22
            let lowest = max(0, n - 22 - 0xFFFF)
            while eocd >= lowest, u32(eocd) != 0x0605_4B50 { eocd -= 1 }
            guard eocd >= lowest else { return .damaged("no end of the ZIP directory (truncated?)") }
            if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 { return .damaged("ZIP64 archives are not read") }
            // ZIPFoundation refuses a record whose comment runs past the end, and leaks the
            // archive's memory when it does: refuse it here first.
            guard eocd + 22 + u16(eocd + 20) <= n else { return .damaged("the ZIP comment runs past the end of the file") }
            let count = u16(eocd + 10)
            let directorySize = u32(eocd + 12)
            let directoryStart = u32(eocd + 16)
            guard count <= maximumEntries, u16(eocd + 8) == count,
                  directoryStart + directorySize <= eocd else {
                return .damaged("the ZIP directory points outside the file")
            }

            var encrypted = false
            var at = directoryStart
            for _ in 0..<count {
                guard at + 46 <= eocd, u32(at) == 0x0201_4B50 else { return .damaged("a ZIP directory entry is damaged") }
                let flags = u16(at + 8)
                let method = u16(at + 10)
                let compressed = u32(at + 20)
                let uncompressed = u32(at + 24)
                let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
                let local = u32(at + 42)
                if flags & 1 != 0 { encrypted = true }
                guard method == 0 || method == 8 else { return .damaged("unknown ZIP compression method \(method)") }
                guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                    return .damaged("ZIP64 entries are not read")
                }
                guard method == 8 || compressed == uncompressed else { return .damaged("a stored ZIP entry has two sizes") }
                // The local header, then the entry's data, then its descriptor, all inside the file.
                guard local + 30 <= n, u32(local) == 0x0403_4B50 else { return .damaged("a ZIP entry's header is missing") }
                let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
                let descriptor = flags & 8 != 0 ? 16 : 0
                guard dataStart + compressed + descriptor <= n else { return .damaged("a ZIP entry runs past the end (truncated?)") }
                at += 46 + nameLength + extraLength + commentLength
            }
            return encrypted ? .encrypted : .sound
        }
    }
}
