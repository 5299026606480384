import Foundation

/// Reads a whole file with POSIX calls: bounded in size, never blocking on a pipe, and with
/// the system's reason when it fails ("Permission denied").
///
/// ```swift
/// let data = try FileBytes.read(url, limit: 256 << 20)
/// ```
enum FileBytes {
    static func read(_ url: URL, limit: Int64) throws(BaogaoError) -> Data {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw BaogaoError("cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw BaogaoError("cannot be read (\(String(cString: strerror(errno))))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw BaogaoError("not a regular file (a pipe, socket or device)")
        }
        guard Int64(info.st_size) <= limit else {
            throw BaogaoError("file is larger than \(limit >> 20) MB")
        }
        var data = Data(count: Int(info.st_size))
        var total = 0
        let failure: Int32? = data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32? in
            while total < buffer.count {
                let n = Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { break }
                total += n
            }
            return nil
        }
        if let failure { throw BaogaoError("cannot be read (\(String(cString: strerror(failure))))") }
        if total < data.count { data.removeSubrange(total...) }
        return data
    }
}
