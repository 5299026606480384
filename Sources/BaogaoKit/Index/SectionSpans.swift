/// The passages under each section of a report and under its subsections, as spans of passage
/// ids: what a `section:` filter lets through for a heading it finds (``HeadingIndex``).
///
/// Pure: it takes each section's parent (an earlier section of the same list, or nil) and the
/// ids of the passages standing directly under it. A section and its subsections hold
/// neighbouring lines, so the spans are one per section in a report parsed in order; any
/// other order gives more spans, never a passage of another section.
///
/// ```swift
/// // 一、 (passages 10, 11) › （一） (12, 13); 二、 (14)
/// SectionSpans.of(parents: [nil, 0, nil], own: [[10, 11], [12, 13], [14]])
/// // [[10...13], [12...13], [14...14]]
/// ```
enum SectionSpans {
    /// The spans of every section, ascending and disjoint, none next to another; a parent
    /// that is not an earlier section counts as none.
    static func of(parents: [Int?], own: [[Int64]]) -> [[ClosedRange<Int64>]] {
        precondition(parents.count == own.count)
        var ids = own
        for k in ids.indices.reversed() {
            if let p = parents[k], p < k, p >= 0 { ids[p] += ids[k] }
        }
        return ids.map(spans(of:))
    }

    /// `ids` as spans, ascending and joined where they touch.
    static func spans(of ids: [Int64]) -> [ClosedRange<Int64>] {
        joined(ids.sorted().lazy.map { $0...$0 })
    }

    /// `spans`, ordered by their first id, joined where they overlap or touch.
    static func joined(_ spans: some Sequence<ClosedRange<Int64>>) -> [ClosedRange<Int64>] {
        var out: [ClosedRange<Int64>] = []
        for span in spans {
            if let last = out.last, last.upperBound + 1 >= span.lowerBound {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// Spans as stored: each first and last id, little-endian Int64s.
    static func encoded(_ spans: [ClosedRange<Int64>]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(spans.count * 16)
        for span in spans {
            withUnsafeBytes(of: span.lowerBound.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: span.upperBound.littleEndian) { bytes += $0 }
        }
        return bytes
    }

    /// Calls `body` with each span stored in `bytes`; a value of another length reads as none.
    static func forEach(in bytes: UnsafeRawBufferPointer, _ body: (ClosedRange<Int64>) -> Void) {
        guard bytes.count % 16 == 0 else { return }
        for i in stride(from: 0, to: bytes.count, by: 16) {
            let low = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: Int64.self))
            let high = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: Int64.self))
            if low <= high { body(low...high) }
        }
    }
}
