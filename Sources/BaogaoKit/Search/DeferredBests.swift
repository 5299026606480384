/// The best match of each group of `units`, found only when a row is shown: each tier's means
/// to find it, in tier order; the first that finds one gives it, as a later tier's best counts
/// only for a group the earlier ones left without.
///
/// A tier registers one lookup, and each group keeps what that lookup needs (the counts of the
/// group's report with the most matches) or a best already known, in one flat list: a closure
/// per group and a dictionary of them took most of 280 MB for `units --by report` of a phrase
/// in 500,000 reports.
///
/// ```swift
/// let deferred = DeferredBests()
/// let exact = deferred.register { top in try exactTierBest(top) }
/// deferred.add(3, top: count, lookup: exact)      // tiers in order
/// deferred.add(3, known: (passage: 9, kind: .variant, rank: -2.5))
/// try deferred.best(of: 3)                         // the exact tier's, else the variant's
/// ```
final class DeferredBests {
    typealias Best = (passage: Int64, kind: MatchKind, rank: Double)
    typealias Lookup = (CompiledQuery.ReportCount) throws -> Best?

    private enum Source {
        case known(Best)
        case top(lookup: Int32, count: CompiledQuery.ReportCount)
    }

    private var lookups: [Lookup] = []
    /// Every group's sources, in the order added (tier order).
    private var groups: [Int32] = []
    private var sources: [Source] = []
    /// Positions in `sources` ordered by group, then by position: made when first asked.
    private var byGroup: [Int32]?

    /// A tier's means to find a group's best from the counts of its top report.
    func register(_ lookup: @escaping Lookup) -> Int {
        lookups.append(lookup)
        return lookups.count - 1
    }

    /// The best of `group` in a tier, already known.
    func add(_ group: Int, known best: Best) { append(group, .known(best)) }

    /// The best of `group` in a tier: `lookup` applied to the counts of its top report.
    func add(_ group: Int, top count: CompiledQuery.ReportCount, lookup: Int) {
        append(group, .top(lookup: Int32(lookup), count: count))
    }

    private func append(_ group: Int, _ source: Source) {
        precondition(byGroup == nil, "sources are added before any best is asked for")
        groups.append(Int32(group))
        sources.append(source)
    }

    /// The best of `group`: its first source, in tier order, that finds one.
    func best(of group: Int) throws -> Best? {
        let order = byGroup ?? {
            let made = sources.indices.map(Int32.init).sorted { (groups[Int($0)], $0) < (groups[Int($1)], $1) }
            byGroup = made
            return made
        }()
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if groups[Int(order[mid])] < group { low = mid + 1 } else { high = mid }
        }
        while low < order.count, groups[Int(order[low])] == group {
            switch sources[Int(order[low])] {
            case .known(let best): return best
            case .top(let lookup, let count):
                if let best = try lookups[Int(lookup)](count) { return best }
            }
            low += 1
        }
        return nil
    }
}
