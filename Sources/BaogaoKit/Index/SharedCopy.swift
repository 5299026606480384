import Synchronization

/// The value a process decoded last from a stored value and the id stored beside it, so that
/// every query reading the same state of the index shares one decoded copy.
///
/// Sound only for values whose every store writes a new id (``ReportRanges``) or is bound to
/// one (``CharacterTotals``): the id then names one value.
///
/// ```swift
/// static let last = SharedCopy<ReportRanges>()
/// let ranges = try last.value(id: id) { try load(db) }   // read once per id
/// ```
final class SharedCopy<Value: Sendable>: Sendable {
    private let last = Mutex<(id: String, value: Value)?>(nil)

    /// The copy kept under `id`, or the one `read` returns (kept when not nil).
    func value(id: String, read: () throws -> Value?) rethrows -> Value? {
        if let kept = last.withLock({ $0 }), kept.id == id { return kept.value }
        guard let value = try read() else { return nil }
        last.withLock { $0 = (id, value) }
        return value
    }
}
