import Foundation
import Synchronization

/// Writes the server's access-log lines to standard output, one whole line at a time.
final class AccessLogWriter: Sendable {
    static let shared = AccessLogWriter()
    private let lock = Mutex(())

    func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        lock.withLock { _ in FileHandle.standardOutput.write(data) }
    }
}
