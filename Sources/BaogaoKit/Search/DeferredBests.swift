/// The best match of each group of a paged `units`, found only for the groups a page shows:
/// each tier's means to find it, in tier order; the first that finds one gives it, as a later
/// tier's best counts only for a group the earlier ones left without.
///
/// ```swift
/// let deferred = DeferredBests()
/// deferred.add(3) { try exactTierBest() }    // tiers in order
/// deferred.add(3) { try variantTierBest() }
/// try deferred.best(of: 3)                    // the exact tier's, else the variants'
/// ```
final class DeferredBests {
    typealias Lookup = () throws -> (passage: Int64, kind: MatchKind, rank: Double)?
    private var lookups: [Int: [Lookup]] = [:]

    func add(_ group: Int, _ lookup: @escaping Lookup) { lookups[group, default: []].append(lookup) }

    func best(of group: Int) throws -> (passage: Int64, kind: MatchKind, rank: Double)? {
        for lookup in lookups[group] ?? [] {
            if let best = try lookup() { return best }
        }
        return nil
    }
}
