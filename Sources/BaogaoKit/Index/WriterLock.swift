import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lets one process at a time write an index: an `flock`ed file beside it
/// (`baogao.sqlite-lock`) that holds the writer's process id.
///
/// A second writer waits a little, then gives up with "index … is being updated by process N"
/// rather than interleave its transactions with the first. The kernel drops the lock when its
/// process ends, however it ends, so a killed writer never leaves a stale lock behind (the id
/// it wrote stays in the file, but nobody holds the lock: the next writer takes it).
///
/// ```swift
/// let lock = try WriterLock.acquire(for: URL(filePath: "index/baogao.sqlite"))
/// defer { lock.release() }
/// ```
public final class WriterLock: @unchecked Sendable {
    /// How long a second writer waits for the first before giving up.
    public static let defaultWait: TimeInterval = 3

    /// The lock file of an index: its path with `-lock`, as SQLite names `-wal` and `-shm`.
    static func url(for index: URL) -> URL {
        URL(fileURLWithPath: index.path + "-lock")
    }

    private let lock = NSLock()
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock of `index`, waiting up to `wait` seconds for another writer to finish.
    /// Creates the index's folder when missing.
    static func acquire(for index: URL, wait: TimeInterval = defaultWait) throws(BaogaoError) -> WriterLock {
        let folder = index.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BaogaoError("cannot create the folder for \(index.path): \(error.localizedDescription)")
        }
        let path = url(for: index).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw openFailure(errno, index: index, lockPath: path) }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw BaogaoError("cannot lock \(path) to update \(index.path): \(String(cString: strerror(code)))")
            }
            if Date() >= deadline {
                let holder = readProcessID(fd)
                close(fd)
                throw busy(index, holder: holder)
            }
            usleep(50_000)
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return WriterLock(descriptor: fd)
    }

    /// The process holding the lock of `index`, or nil when nobody is writing it.
    public static func holder(of index: URL) -> Int32? {
        let fd = open(url(for: index).path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readProcessID(fd) ?? 0
    }

    /// The message for an index another process is writing.
    static func busy(_ index: URL, holder: Int32?) -> BaogaoError {
        let who = holder.map { "process \($0)" } ?? "another process"
        return BaogaoError("index \(index.path) is being updated by \(who); try again when it has finished")
    }

    /// Releases the lock (also done when the process ends).
    func release() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            _ = ftruncate(descriptor, 0)
            close(descriptor)
            descriptor = -1
        }
    }

    /// The id written by the holder; it may not be written yet when the lock was just taken.
    private static func readProcessID(_ fd: Int32) -> Int32? {
        for attempt in 0..<5 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            if count > 0, let pid = Int32(String(decoding: buffer.prefix(count), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            if attempt < 4 { usleep(20_000) }
        }
        return nil
    }

    private static func openFailure(_ code: Int32, index: URL, lockPath: String) -> BaogaoError {
        switch code {
        case EROFS:
            return BaogaoError("\(index.path) is on a read-only file system: cannot update the index")
        case EACCES, EPERM:
            return BaogaoError("cannot update \(index.path): permission denied (cannot create \(lockPath))")
        case ENOSPC:
            return BaogaoError("the disk holding \(index.path) is full: the index was left as it was")
        default:
            return BaogaoError("cannot create \(lockPath) to update \(index.path): \(String(cString: strerror(code)))")
        }
    }
}
