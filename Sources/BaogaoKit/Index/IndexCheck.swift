/// What `baogao check` found in an index: the outcome of each check, and the files that
/// changed on disk since they were indexed.
///
/// Problems are damage (`baogao index --rebuild` repairs them); changed files are not: the
/// next `baogao index` catches up with them.
///
/// ```swift
/// let check = try IndexChecker.check(URL(filePath: "index/baogao.sqlite"))
/// if !check.isClean { print(check.results.flatMap(\.problems)) }
/// ```
public struct IndexCheck: Sendable, Hashable {
    /// One check and what it found wrong; no problems means it passed.
    public struct Result: Sendable, Hashable {
        public var name: String
        public var problems: [String]
        /// Why the check did not run, when it did not (a read-only index, an older schema).
        public var skipped: String?
    }

    /// A file whose content on disk differs from what the index holds.
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// On disk, not in the index.
            case new
            /// In the index with other content.
            case changed
            /// In the index, gone from disk.
            case deleted
        }

        public var path: String
        public var kind: Kind
    }

    /// The checks, in the order they ran.
    public var results: [Result] = []
    /// Files changed on disk since indexing, sorted by path.
    public var changes: [Change] = []
    /// The folder the index was built from, and whether it is still there.
    public var folder: String?
    public var folderMissing = false
    public var files = 0
    public var reports = 0
    public var passages = 0
    public var schemaVersion: String?
    public var tokenizerVersion: String?

    /// Whether every check passed (changed files do not count: they are not damage).
    public var isClean: Bool { results.allSatisfy { $0.problems.isEmpty } }

    /// Every problem, prefixed with the check that found it.
    public var problems: [String] {
        results.flatMap { result in result.problems.map { "\(result.name): \($0)" } }
    }
}
