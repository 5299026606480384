import Foundation

/// A file found under the indexed folder.
///
/// It keeps the folder it was found under, which every file of a scan shares, and not a URL of
/// its own: a URL took ~480 bytes of memory per file, a quarter of a GB for the 545,000 files
/// of a 10 GB folder.
struct FoundFile: Sendable {
    /// The folder ``relativePath`` is relative to.
    var base: URL
    /// The path relative to the folder, with `/` separators.
    var relativePath: String
    var size: Int64
    var modified: Double

    init(base: URL, relativePath: String, size: Int64, modified: Double) {
        self.base = base
        self.relativePath = relativePath
        self.size = size
        self.modified = modified
    }

    /// A file at `url`, known by `relativePath` (its last components).
    init(url: URL, relativePath: String, size: Int64, modified: Double) {
        var base = url
        for _ in relativePath.split(separator: "/") { base.deleteLastPathComponent() }
        self.init(base: base, relativePath: relativePath, size: size, modified: modified)
    }

    /// Where the file is.
    var url: URL { base.appendingPathComponent(relativePath) }
}

/// A file that was not indexed, and why.
public struct SkippedFile: Sendable, Hashable, Codable {
    /// The path relative to the indexed folder.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Lists the report files under a folder, recursively, in the byte order of their paths
/// (``precedes(_:_:)``, the order in which SQLite lists the index's files).
///
/// Hidden files and folders are passed over, and so are Word's lock files (`~$name.docx`) and
/// `metadata.csv` and `units.csv` at the root (they describe the reports, they are none). Symbolic links are
/// followed, but a link that loops back to a folder already visited is skipped with its
/// reason; so are files of formats Baogao names but cannot read (.doc, .wps) and pipes or
/// devices with a report's extension.
///
/// ```swift
/// let (files, skipped) = FolderScanner.scan(URL(filePath: "reports"))
/// ```
enum FolderScanner {
    /// Extensions read as reports.
    static var readable: Set<String> { ReportFormats.readable }

    static func scan(_ root: URL, excluding excluded: Set<String> = []) -> (files: FoundFiles, skipped: [SkippedFile]) {
        var skipped: [SkippedFile] = []
        var visited: Set<String> = []
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        visited.insert(rootPath)
        var files = FoundFiles(base: URL(fileURLWithPath: rootPath))
        walk(rootPath, relative: "", excluded: excluded,
             visited: &visited, files: &files, skipped: &skipped)
        files = files.sortedByPath()
        skipped.sort { $0.path < $1.path }
        return (files, skipped)
    }

    /// Lists only `paths` under `root` (relative, `/`-separated; each a file or a folder, walked
    /// as ``scan(_:excluding:)`` walks): what `baogao index --only` compares with the index.
    /// A path that does not exist gives nothing (the index drops what it held there); a hidden
    /// one, or metadata.csv and units.csv at the root, nothing either, as in a whole scan.
    static func scan(_ root: URL, only paths: [String], excluding excluded: Set<String> = []) -> (files: FoundFiles, skipped: [SkippedFile]) {
        var skipped: [SkippedFile] = []
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        var visited: Set<String> = [rootPath]
        var files = FoundFiles(base: URL(fileURLWithPath: rootPath))
        let unique = Set(paths)
        // A path inside another one given is found by that one's walk.
        let outermost = unique.filter { path in
            !unique.contains { other in other != path && path.hasPrefix(other + "/") }
        }
        for path in outermost.sorted() {
            let components = path.split(separator: "/").map(String.init)
            guard let name = components.last,
                  !components.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("~$") }) else { continue }
            let parentRelative = components.dropLast().joined(separator: "/")
            let parent = parentRelative.isEmpty ? rootPath : rootPath + "/" + parentRelative
            var info = stat()
            guard lstat(parent + "/" + name, &info) == 0 else { continue }
            visit(name, in: parent, relative: parentRelative, folderFD: -1, excluded: excluded,
                  visited: &visited, files: &files, skipped: &skipped)
        }
        files = files.sortedByPath()
        skipped.sort { $0.path < $1.path }
        return (files, skipped)
    }

    /// Lists `folder` (a path: a URL made and parsed for each entry took a fifth of a run with
    /// nothing to do over 546,000 files).
    private static func walk(_ folder: String, relative: String, excluded: Set<String>, visited: inout Set<String>,
                             files: inout FoundFiles, skipped: inout [SkippedFile]) {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: folder)
        } catch {
            skipped.append(SkippedFile(path: relative.isEmpty ? "." : relative,
                                       reason: "folder cannot be read (permission denied?)"))
            return
        }
        // Entries are looked up relative to the folder: a whole path for each made the kernel
        // walk every component again (a sixth of a run with nothing to do).
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folderFD >= 0 { close(folderFD) } }
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("~$") {
            visit(name, in: folder, relative: relative, folderFD: folderFD, excluded: excluded,
                  visited: &visited, files: &files, skipped: &skipped)
        }
    }

    /// One entry `name` of `folder` (known as `relative`; `folderFD` open on it, or -1): a
    /// report file, a folder to walk, or a reason to skip it.
    private static func visit(_ name: String, in folder: String, relative: String, folderFD: Int32,
                              excluded: Set<String>, visited: inout Set<String>,
                              files: inout FoundFiles, skipped: inout [SkippedFile]) {
        let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        let path = relative.isEmpty ? name : relative + "/" + name
        if excluded.contains(full) { return }
        if relative.isEmpty && (name == MetadataFile.name || name == UnitsFile.name) { return }
        var info = stat()
        let found = folderFD >= 0 ? fstatat(folderFD, name, &info, 0) : stat(full, &info)
        guard found == 0 else {
            var linkInfo = stat()
            if lstat(full, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                skipped.append(SkippedFile(path: path, reason: "broken or looping symbolic link"))
            } else {
                skipped.append(SkippedFile(path: path, reason: "cannot be read (\(String(cString: strerror(errno))))"))
            }
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else {
                skipped.append(SkippedFile(path: path, reason: "symbolic link loops back to a folder already indexed"))
                return
            }
            walk(full, relative: path, excluded: excluded, visited: &visited, files: &files, skipped: &skipped)
        case S_IFREG:
            let ext = extensionOf(name)
            if readable.contains(ext) {
                let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                files.append(relativePath: path, size: Int64(info.st_size), modified: modified)
            } else if let reason = ReportFormats.unsupportedReason(ext) {
                skipped.append(SkippedFile(path: path, reason: reason))
            }
        default:
            if readable.contains(extensionOf(name)) {
                skipped.append(SkippedFile(path: path, reason: "not a regular file (a pipe, socket or device)"))
            }
        }
    }

    /// Whether path `a` comes before `b` in the byte order of their UTF-8, as SQLite's BINARY
    /// collation orders them (String's `<` takes canonically equivalent forms as equal, where
    /// the file system and the index hold two names).
    ///
    /// ```swift
    /// FolderScanner.precedes("a b.txt", "a/b.txt")  // true: " " is 0x20, "/" 0x2F
    /// ```
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The extension of a file name, lowercased ("" without one): what `NSString.pathExtension`
    /// gives for a name without `/`, which cost a sixth of a run with nothing to do.
    ///
    /// ```swift
    /// FolderScanner.extensionOf("报告.TXT")   // "txt"
    /// FolderScanner.extensionOf("a.tar.gz")  // "gz"
    /// FolderScanner.extensionOf("README")    // ""
    /// ```
    static func extensionOf(_ name: String) -> String {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
        return String(name[name.utf8.index(after: dot)...]).lowercased()
    }
}
