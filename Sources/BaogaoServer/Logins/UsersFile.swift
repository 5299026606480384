import Foundation
import HummingbirdAuth
import HummingbirdBasicAuth
import HummingbirdBcrypt
import Synchronization

/// A logged-in user: the name from the users file.
public struct TeamUser: PasswordAuthenticatable, Sendable, Equatable {
    public var name: String
    public var passwordHash: String?
}

/// The users file of `baogao serve --users FILE`, read at start (a bad file stops the server
/// with its line number) and again whenever it changes on disk, so a colleague can be added
/// or removed without a restart. A change that does not parse is reported and ignored: the
/// users read before stay in force.
///
/// ```swift
/// let users = try UsersFile(url: URL(fileURLWithPath: "users.htpasswd"))
/// let alice = try await users.getUser(named: "alice", context: …)
/// ```
public final class UsersFile: UserPasswordRepository, Sendable {
    public let url: URL
    private let state: Mutex<State>
    private let onReloadProblem: @Sendable (String) -> Void

    private struct State {
        var users: Htpasswd
        var stamp: FileStamp?
        /// Checked for names not in the file, so that an unknown name costs a bcrypt check
        /// like a known one and the time of an answer does not tell which names exist.
        var decoyHash: String
    }

    /// Reads and checks `url`; throws a message naming the file, the line and the reason.
    public init(url: URL, onReloadProblem: @escaping @Sendable (String) -> Void = { _ in }) throws(BaogaoServerError) {
        self.url = url
        self.onReloadProblem = onReloadProblem
        let stamp = FileStamp(path: url.path)
        let users = try Self.read(url)
        state = Mutex(State(users: users, stamp: stamp, decoyHash: Self.decoyHash(like: users)))
    }

    /// The users as the file holds them now (re-read when its size, time or inode changed).
    public var users: Htpasswd { current().users }

    public func getUser(named username: String, context: UserRepositoryContext) async throws -> TeamUser? {
        let state = current()
        if let hash = state.users.hashes[username] { return TeamUser(name: username, passwordHash: hash) }
        return TeamUser(name: username, passwordHash: state.decoyHash)
    }

    private func current() -> State {
        let stamp = FileStamp(path: url.path)
        let snapshot = state.withLock { $0 }
        guard stamp != snapshot.stamp else { return snapshot }
        guard stamp != nil else {
            // Gone (or being replaced): keep the users in force, say so once.
            state.withLock { $0.stamp = nil }
            onReloadProblem("\(url.path) cannot be read; the users read before stay in force")
            return snapshot
        }
        do {
            let users = try Self.read(url)
            let decoy = users.hashes.values.first?.prefix(7) == snapshot.decoyHash.prefix(7)
                ? snapshot.decoyHash : Self.decoyHash(like: users)
            let fresh = State(users: users, stamp: stamp, decoyHash: decoy)
            state.withLock { $0 = fresh }
            return fresh
        } catch {
            state.withLock { $0.stamp = stamp }
            onReloadProblem("\(error.message); the users read before stay in force")
            return snapshot
        }
    }

    private static func read(_ url: URL) throws(BaogaoServerError) -> Htpasswd {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw BaogaoServerError("cannot read the users file \(url.path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BaogaoServerError("the users file \(url.path) is not UTF-8 text")
        }
        do { return try Htpasswd(parsing: text) } catch {
            throw BaogaoServerError("the users file \(url.path), \(error.description)")
        }
    }

    /// A bcrypt hash of a random password, with the cost of the file's first hash.
    private static func decoyHash(like users: Htpasswd) -> String {
        let cost = users.hashes.values.first.flatMap { UInt8($0.dropFirst(4).prefix(2)) } ?? 10
        let password = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 36) }.joined()
        return Bcrypt.hash(password, cost: cost)
    }
}

/// A file's identity and version as `stat` gives them: a change of any means it was rewritten.
struct FileStamp: Equatable {
    var inode: UInt64
    var size: Int64
    var modified: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}
