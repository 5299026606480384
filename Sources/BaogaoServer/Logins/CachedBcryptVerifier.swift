import HummingbirdBasicAuth
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Checks a password against a bcrypt hash once per credential: bcrypt is slow on purpose
/// (milliseconds per check), and a browser sends the same login with every request. A
/// password that matched a hash is remembered for that hash; the next request with the same
/// password is compared in constant time, without bcrypt. A wrong password always costs a full
/// bcrypt check, and a changed hash (a new password in the users file) is a new key.
///
/// ```swift
/// let verifier = CachedBcryptVerifier()
/// try await verifier.verifyPassword("secret", createsHash: hash)  // bcrypt, then remembered
/// try await verifier.verifyPassword("secret", createsHash: hash)  // constant-time compare
/// ```
final class CachedBcryptVerifier: PasswordHashVerifier {
    private let verified = Mutex<[String: [UInt8]]>([:])
    /// More distinct hashes than this (users times password changes) empties the memory.
    private let capacity = 10_000
    /// Called before each full bcrypt check (the metrics count them).
    private let onBcrypt: @Sendable () -> Void

    init(onBcrypt: @escaping @Sendable () -> Void = {}) {
        self.onBcrypt = onBcrypt
    }

    func verifyPassword(_ password: String, createsHash hash: String) async throws -> Bool {
        let bytes = Array(password.utf8)
        if let known = verified.withLock({ $0[hash] }), Self.constantTimeEqual(known, bytes) {
            return true
        }
        // A NUL would end the password early for the C implementation: no real password holds one.
        guard !bytes.contains(0) else { return false }
        onBcrypt()
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        if matches {
            verified.withLock { cache in
                if cache.count >= capacity { cache.removeAll() }
                cache[hash] = bytes
            }
        }
        return matches
    }

    /// Whether `a` and `b` are equal, in a time that depends only on their lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}
