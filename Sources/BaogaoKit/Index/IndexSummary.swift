/// What one `baogao index` run did.
public struct IndexSummary: Sendable, Hashable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Files not indexed, with reasons.
    public var skipped: [SkippedFile] = []
    /// Files indexed with a remark (e.g. bytes that could not be decoded).
    public var remarks: [SkippedFile] = []
    /// Reports and passages in the index after the run.
    public var reports = 0
    public var passages = 0
    public var seconds = 0.0
    /// Why the index was built from scratch, when it was.
    public var rebuiltBecause: String?

    public init() {}

    /// Whether the run changed anything in the index.
    public var changedIndex: Bool { added + updated + removed > 0 || rebuiltBecause != nil }
}
