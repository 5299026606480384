/// A list of passage ids kept as ``RowIDList``'s blobs are: each id a zigzag LEB128 delta from
/// the one before (the first from 0), one or two bytes for the dense ids of one term's matches.
///
/// A query's every match is held while it is counted, sampled and grouped by report: as
/// `[Int64]`, 8 bytes each, `人民政府` at 10 GB (6.6 million matches, in two tiers and two
/// halves) held hundreds of MB, past what a search may take. Any order is kept.
///
/// ```swift
/// var ids = RowIDs()
/// ids.append(41); ids.append(42); ids.append(7)
/// Array(ids)       // [41, 42, 7]
/// ids.count        // 3
/// ```
struct RowIDs: Sequence, Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    /// The last id appended (0 when none).
    private(set) var last: Int64 = 0

    init() {}

    init(_ ids: some Sequence<Int64>) {
        for id in ids { append(id) }
    }

    /// The ids of a blob of ``RowIDList`` (its bytes copied).
    init(encoded: UnsafeRawBufferPointer) {
        bytes = Array(encoded.bindMemory(to: UInt8.self))
        var count = 0
        var last: Int64 = 0
        try? RowIDList.decode(encoded) { id in
            last = id
            count += 1
            return true
        }
        (self.count, self.last) = (count, last)
    }

    /// Calls `body` with each id in order until it returns false, decoding through a pointer
    /// (the iterator checks every byte's index: the loops over a query's every match use this).
    func forEachID(_ body: (Int64) throws -> Bool) throws {
        try bytes.withUnsafeBytes { try RowIDList.decode($0, body) }
    }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ id: Int64) {
        Self.appendDelta(id &- last, to: &bytes)
        last = id
        count += 1
    }

    /// Appends every id of `other`, its bytes copied but for its first delta, made again
    /// from this list's last id.
    mutating func append(contentsOf other: RowIDs) {
        var i = 0
        guard let first = Self.delta(in: other.bytes, at: &i) else { return }
        append(first)
        bytes += other.bytes[i...]
        count += other.count - 1
        last = other.last
    }

    func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var i = 0
        var last: Int64 = 0

        mutating func next() -> Int64? {
            guard let delta = RowIDs.delta(in: bytes, at: &i) else { return nil }
            last &+= delta
            return last
        }
    }

    /// About `size` of the ids, evenly spaced: every (count / size)th from the first, as
    /// `ids[stride(from: 0, to: count, by: max(1, count / size))]` picks them.
    func evenSample(_ size: Int) -> [Int64] {
        let step = Swift.max(1, count / size)
        var out: [Int64] = []
        out.reserveCapacity(count / step + 1)
        var n = 0
        try? forEachID { id in
            if n % step == 0 { out.append(id) }
            n += 1
            return true
        }
        return out
    }

    /// The delta at `i`, moving `i` past it; nil at the end.
    private static func delta(in bytes: [UInt8], at i: inout Int) -> Int64? {
        guard i < bytes.count else { return nil }
        var zigzag: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            zigzag |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    private static func appendDelta(_ delta: Int64, to bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (delta << 1) ^ (delta >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }
}
