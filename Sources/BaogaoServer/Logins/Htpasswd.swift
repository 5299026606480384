/// An Apache `htpasswd` file of bcrypt logins (`htpasswd -B -c users.htpasswd alice`), parsed
/// without I/O. Only bcrypt entries are accepted: a line with any other hash (plain text, MD5
/// `$apr1$`, SHA-1 `{SHA}`, crypt) is refused with its number and why, never with its content.
///
/// ```swift
/// let users = try Htpasswd(parsing: "alice:$2y$05$…\n")
/// users.hashes["alice"]   // "$2b$05$…" (the `$2y$` of htpasswd is the same algorithm as `$2b$`)
/// ```
public struct Htpasswd: Sendable, Equatable {
    /// The bcrypt hash of each user, with `$2y$` written as `$2b$`, the prefix the verifier reads.
    public let hashes: [String: String]

    /// Why a users file is refused: the line (1-based; 0 for the whole file) and the reason.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { line == 0 ? reason : "line \(line): \(reason)" }
    }

    public init(parsing text: String) throws(Problem) {
        var hashes: [String: String] = [:]
        // "\r\n" is one Character: Windows line ends split as "\n" does.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = raw
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Problem(line: number, reason: "no “:” between a user name and a password hash (expected NAME:HASH, as `htpasswd -B` writes)")
            }
            let name = String(line[..<colon])
            let hash = String(line[line.index(after: colon)...])
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw Problem(line: number, reason: "the user name is empty or holds a space")
            }
            if let kind = Self.refusedKind(of: hash) {
                throw Problem(line: number, reason: "the password of “\(name)” is \(kind), not bcrypt: "
                              + "only bcrypt is accepted; set it again with `htpasswd -B FILE \(name)`")
            }
            guard hashes[name] == nil else {
                throw Problem(line: number, reason: "“\(name)” is already defined on an earlier line")
            }
            hashes[name] = hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
        }
        guard !hashes.isEmpty else {
            throw Problem(line: 0, reason: "no users in it: add one with `htpasswd -B FILE NAME`")
        }
        self.hashes = hashes
    }

    /// What a hash is when it is not bcrypt (`$2a$`, `$2b$` or `$2y$`, a cost from 04 to 31, 53
    /// characters of bcrypt's base 64); nil for a valid bcrypt hash.
    static func refusedKind(of hash: String) -> String? {
        if hash.hasPrefix("$apr1$") { return "an MD5 hash ($apr1$, htpasswd -m)" }
        if hash.hasPrefix("{SHA}") { return "a SHA-1 hash ({SHA}, htpasswd -s)" }
        if hash.hasPrefix("$1$") { return "an MD5 crypt hash ($1$)" }
        if hash.hasPrefix("$5$") || hash.hasPrefix("$6$") { return "a SHA-2 crypt hash (\(hash.prefix(3)))" }
        let bytes = Array(hash.utf8)
        if hash.hasPrefix("$2") {
            guard bytes.count == 60, [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")].contains(bytes[2]),
                  bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$"),
                  let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)), (4...31).contains(cost),
                  bytes[7...].allSatisfy(isBcryptBase64) else {
                return "a damaged bcrypt hash (expected $2y$, a cost from 04 to 31 and 53 characters)"
            }
            return nil
        }
        if bytes.count == 13, bytes.allSatisfy(isBcryptBase64) { return "a crypt (DES) hash (htpasswd -d)" }
        return "plain text or an unknown hash"
    }

    private static func isBcryptBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "/"): return true
        default: return false
        }
    }
}
