import BaogaoKit
import Foundation

/// What the terminal can show, and where messages go.
enum Terminal {
    /// Prints `message` to stderr as `baogao: message` and exits with status 2.
    static func fail(_ message: String) -> Never {
        warn(message)
        exit(2)
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("baogao: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Whether to colour standard output: only on a terminal, and never when NO_COLOR is set.
    static func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }

    /// A path as the user can open it: relative to the current folder when inside it.
    static func display(_ path: String, root: String?) -> String {
        let absolute = root.map { ($0 as NSString).appendingPathComponent(path) } ?? path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

enum ColorChoice: String, CaseIterable {
    case auto, always, never
}
