/// The text part of a query: terms combined with AND, OR and NOT, each term planned as an
/// FTS5 phrase.
///
/// FTS5 is asked for a superset of the matching passages (a term holding punctuation is only
/// approximated by its phrase); when the query holds such a term, every candidate is checked
/// exactly with ``matches(_:)``.
indirect enum TextExpression: Sendable {
    case term(TermPlan)
    case and([TextExpression])
    case or([TextExpression])
    case not(TextExpression)

    /// Whether any term needs the exact check.
    var needsVerification: Bool {
        switch self {
        case .term(let plan): return plan.needsVerification
        case .and(let xs), .or(let xs): return xs.contains { $0.needsVerification }
        case .not(let x): return x.needsVerification
        }
    }

    /// Whether the passage's folded text satisfies the expression exactly.
    func matches(_ text: FoldedText) -> Bool {
        switch self {
        case .term(let plan): return text.contains(plan.folded)
        case .and(let xs): return xs.allSatisfy { $0.matches(text) }
        case .or(let xs): return xs.contains { $0.matches(text) }
        case .not(let x): return !x.matches(text)
        }
    }

    /// An FTS5 expression, or one of the two constants FTS5 cannot write.
    enum FTS: Equatable {
        case everything, nothing
        case expression(String)
    }

    /// An FTS5 expression matching at least every passage the expression matches.
    var superset: FTS { bound(superset: true) }

    private func bound(superset: Bool) -> FTS {
        switch self {
        case .term(let plan):
            return superset || !plan.needsVerification ? .expression(plan.matchExpression) : .nothing
        case .or(let xs):
            var parts: [String] = []
            for x in xs {
                switch x.bound(superset: superset) {
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
                    switch inner.bound(superset: !superset) {
                    case .everything: return .nothing
                    case .nothing: continue
                    case .expression(let e): negatives.append("(\(e))")
                    }
                } else {
                    switch x.bound(superset: superset) {
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
