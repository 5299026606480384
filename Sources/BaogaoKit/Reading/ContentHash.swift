import Foundation

/// A fast 64-bit FNV-1a hash of a file's bytes, to tell a touched file from a changed one.
///
/// ```swift
/// ContentHash.hex(of: Data("报告".utf8))   // 16 hex digits at most
/// ```
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
