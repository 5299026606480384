import Foundation

/// The folder under which the tests make their temporary files: one per test process, in the
/// system's temporary folder, removed when the process exits (test runs left hundreds of
/// folders behind).
///
/// ```swift
/// let root = TestFolders.root.appendingPathComponent("baogao-serve-\(UUID().uuidString)")
/// ```
public enum TestFolders {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("baogao-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        removeAtExit = url.path
        atexit {
            if let path = TestFolders.removeAtExit { try? FileManager.default.removeItem(atPath: path) }
        }
        return url
    }()

    nonisolated(unsafe) private static var removeAtExit: String?
}
