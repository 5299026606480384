/// The text part of a query: terms combined with AND, OR and NOT, each term planned as an
/// FTS5 phrase, and unquoted positive terms with their near variants (``TermVariant``).
///
/// FTS5 is asked for a superset of the matching passages (a term holding punctuation is only
/// approximated by its phrase; a variant's NEAR groups are its rule exactly); when that is not
/// exact, every candidate is checked with ``matches(_:variants:)``, which follows FTS5 for the
/// variants (``TermVariant/matches(_:)``).
indirect enum TextExpression: Sendable {
    case term(TermPlan, variant: TermVariant? = nil)
    case and([TextExpression])
    case or([TextExpression])
    case not(TextExpression)

    /// Whether any term needs the exact check.
    var needsVerification: Bool {
        switch self {
        case .term(let plan, _): return plan.needsVerification
        case .and(let xs), .or(let xs): return xs.contains { $0.needsVerification }
        case .not(let x): return x.needsVerification
        }
    }

    /// Whether any term has near variants.
    var hasVariants: Bool {
        switch self {
        case .term(_, let variant): return variant != nil
        case .and(let xs), .or(let xs): return xs.contains { $0.hasVariants }
        case .not(let x): return x.hasVariants
        }
    }

    /// How far a term may stray from its exact phrase.
    enum Reach: Int, Comparable {
        /// The exact phrase only.
        case exact
        /// Also its parts close together (``TermVariant/matches(_:)``).
        case variants
        /// Also its parts anywhere in the passage (``TermVariant/matchesLoosely(_:)``).
        case related

        static func < (a: Reach, b: Reach) -> Bool { a.rawValue < b.rawValue }
    }

    /// Whether the passage's folded text satisfies the expression, with terms matching their
    /// exact phrase only or also their variants.
    func matches(_ text: FoldedText, variants: Bool = false) -> Bool {
        matches(text, reach: variants ? .variants : .exact)
    }

    func matches(_ text: FoldedText, reach: Reach) -> Bool {
        switch self {
        case .term(let plan, let variant):
            if text.contains(plan.folded) { return true }
            guard let variant, reach > .exact else { return false }
            return reach == .related ? variant.matchesLoosely(text) : variant.matches(text)
        case .and(let xs): return xs.allSatisfy { $0.matches(text, reach: reach) }
        case .or(let xs): return xs.contains { $0.matches(text, reach: reach) }
        case .not(let x): return !x.matches(text, reach: .exact)
        }
    }

    /// An FTS5 expression, or one of the two constants FTS5 cannot write.
    enum FTS: Equatable {
        case everything, nothing
        case expression(String)
    }

    /// An FTS5 expression matching at least every passage the expression matches (with
    /// variants when `variants`).
    func superset(variants: Bool = false) -> FTS { bound(superset: true, reach: variants ? .variants : .exact) }

    /// An FTS5 expression matching at least every passage the expression matches at `reach`.
    func superset(reach: Reach) -> FTS { bound(superset: true, reach: reach) }

    /// An FTS5 expression matching only passages the expression matches exactly.
    var subset: FTS { bound(superset: false, reach: .exact) }

    private func bound(superset: Bool, reach: Reach) -> FTS {
        switch self {
        case .term(let plan, let variant):
            if superset, reach > .exact, let variant {
                let wider = reach == .related ? variant.looseExpression : variant.matchExpression
                return .expression("(\(plan.matchExpression)) OR \(wider)")
            }
            return superset || !plan.needsVerification ? .expression(plan.matchExpression) : .nothing
        case .or(let xs):
            var parts: [String] = []
            for x in xs {
                switch x.bound(superset: superset, reach: reach) {
                case .everything: return .everything
                case .nothing: continue
                case .expression(let e): parts.append("(\(e))")
                }
            }
            return parts.isEmpty ? .nothing : .expression(parts.joined(separator: " OR "))
        case .not:
            // Only inside an AND that also has a positive part (checked when the query is compiled).
            return superset ? .everything : .nothing
        case .and(let xs):
            var positives: [String] = []
            var negatives: [String] = []
            for x in xs {
                if case .not(let inner) = x {
                    // A negated part: exclude at most what surely matches it.
                    switch inner.bound(superset: !superset, reach: .exact) {
                    case .everything: return .nothing
                    case .nothing: continue
                    case .expression(let e): negatives.append("(\(e))")
                    }
                } else {
                    switch x.bound(superset: superset, reach: reach) {
                    case .everything: continue
                    case .nothing: return .nothing
                    case .expression(let e): positives.append("(\(e))")
                    }
                }
            }
            guard !positives.isEmpty else { return superset ? .everything : .nothing }
            let positive = positives.joined(separator: " AND ")
            return negatives.isEmpty
                ? .expression(positive)
                : .expression("(\(positive)) NOT (\(negatives.joined(separator: " OR ")))")
        }
    }
}
