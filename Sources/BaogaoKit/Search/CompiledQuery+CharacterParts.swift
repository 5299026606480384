import GRDB

/// Several terms of which some are single characters (`县 乡村振兴`, `市 工作 -的`): the other
/// terms' matches found by FTS5, then kept or dropped character by character, without FTS5's
/// prefix query for a character.
///
/// FTS5 answers a character as the prefix query `"县" *`, which merges the doclists of every
/// bigram starting with it before it gives a row, whatever the rest of the query holds: at 1 GB
/// `县 乡村振兴` (1,364 matches) took 168 ms to count and 243 ms for a first page, `法 规定`
/// 1.1 s, `的 工作` 3.6 s (33, 115 and 90 ms now). Here the rest is walked as any query is;
/// each of the ``FrequentCharacters`` keeps a match by its bit in ``ReportCharacters``, and
/// another character by the match's text while the rest has at most ``textCheckedAtMost``
/// matches, else by its own FTS5 rowids.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "县 乡村振兴"), db)
/// compiled.characterParts?.rest   // "\"乡村\" + \"村振\" + \"振兴\"", the exact tier's
/// let ids = try compiled.characterFilteredRowIDs(match: compiled.tiers[0].match!, db, ranges: compiled.ranges!)
/// ```
extension CompiledQuery {
    /// A query's single characters, apart from the rest of its terms.
    struct CharacterParts: Sendable {
        /// A single character ANDed with the rest, or negated.
        struct Part: Sendable {
            /// The folded character.
            var scalar: UInt32
            /// Its slot among ``FrequentCharacters``, if it is one.
            var slot: Int?
            /// Its FTS5 expression (a prefix query).
            var match: String
            var negated: Bool
        }

        /// For each tier FTS5 answers exactly (its expression), the expression of the other
        /// terms for that tier, without a prefix: the exact phrases, or their near variants
        /// less the exact phrases.
        var rests: [String: String]
        var characters: [Part]

        /// The rest of the exact tier.
        var rest: String

        /// From the query's parts, ANDed (its terms without filters), and its tiers: nil unless
        /// one part at least is a lone ideograph, alone or negated, and the others make an
        /// expression with a term to find that FTS5 answers exactly, without a prefix. A tier of
        /// near variants (every match holds the characters and the others' variants, and not
        /// all of them exactly) has the others' variants less their exact phrases for its rest,
        /// and the `related` tier (every part anywhere, each match checked) their parts
        /// anywhere less their exact phrases.
        init?(_ parts: [TextExpression], tiers: [Tier], related: Tier? = nil) {
            var characters: [Part] = []
            var others: [TextExpression] = []
            for part in parts {
                if let c = Self.character(part, negated: false) {
                    characters.append(c)
                } else if case .not(let inner) = part, let c = Self.character(inner, negated: true) {
                    characters.append(c)
                } else {
                    others.append(part)
                }
            }
            guard !characters.isEmpty, !others.isEmpty else { return nil }
            let rest = others.count == 1 ? others[0] : .and(others)
            guard !rest.needsVerification, case .expression(let exact) = rest.superset(), !exact.contains("*"),
                  tiers.allSatisfy({ $0.check == nil && $0.match != nil }) else { return nil }
            var rests: [String: String] = [:]
            for tier in tiers {
                switch tier.kind {
                case .exact:
                    rests[tier.match!] = exact
                case .variant:
                    guard case .expression(let variants) = rest.superset(variants: true),
                          case .expression(let sure) = rest.subset else { return nil }
                    rests[tier.match!] = "(\(variants)) NOT (\(sure))"
                default:
                    return nil
                }
            }
            if let related, let match = related.match {
                guard case .expression(let loose) = rest.superset(reach: .related),
                      case .expression(let sure) = rest.subset else { return nil }
                rests[match] = "(\(loose)) NOT (\(sure))"
            }
            self.rests = rests
            self.rest = exact
            self.characters = characters
        }

        private static func character(_ part: TextExpression, negated: Bool) -> Part? {
            guard case .term(let plan, let variant) = part, variant == nil, plan.folded.count == 1, plan.prefixLast,
                  ScalarClass.of(plan.folded[0]) == .ideograph else { return nil }
            return Part(scalar: plan.folded[0], slot: plan.frequentCharacterSlot, match: plan.matchExpression, negated: negated)
        }
    }

    /// The rest's matches are checked against their text, for a character that is not one of
    /// the ``FrequentCharacters``, when they are at most this many; past it the character's
    /// own rowids are read.
    static let textCheckedAtMost = 20_000

    /// The matches of `match`, ascending, when it is a tier of a query with ``characterParts``
    /// and no filter: its rest's rowids (in halves when long), each character applied in turn;
    /// kept by the ``memo``. Nil when the query does not qualify. (For the related tier, the
    /// candidates its check then decides.)
    func characterFilteredRowIDs(match: String, _ db: Database, ranges: ReportRanges) throws -> RowIDs? {
        guard let parts = characterParts, let rest = parts.rests[match],
              conditions.isEmpty, allowedReportIDs == nil, allowedSections == nil else { return nil }
        if let ids = memo?.ids(of: match) { return ids }
        let bits = try ReportCharacters.isComplete(db)
        if !parts.characters.contains(where: { bits && $0.slot != nil }) {
            // Only characters FTS5 merges at a cost of their own: worth leaving out only when the
            // rest surely has few enough matches to read and is rarer than each of them (党 建设
            // at 1 GB: 党's merge, then a skip through 建设's list, 5 ms; 建设's 60,000 rowids
            // and 党's own, 24 ms).
            guard let bound = try restBound(parts, db), bound <= textCheckedAtMost,
                  let totals = try CharacterTotals.lookup(parts.characters.map(\.scalar), db),
                  totals.allSatisfy({ $0.passages >= bound }) else { return nil }
        }
        var ids = Array(try allowedRowIDs(match: rest, db, ranges: ranges))
        var others: [CharacterParts.Part] = []
        for c in parts.characters {
            if bits, let slot = c.slot {
                ids = try Self.kept(ids, slot: slot, negated: c.negated, db, ranges: ranges)
            } else {
                others.append(c)
            }
        }
        if !others.isEmpty, ids.count <= textCheckedAtMost {
            ids = try Self.kept(ids, checkingText: others, db)
        } else {
            for c in others { ids = try Self.kept(ids, character: c, db) }
        }
        let found = RowIDs(ids)
        memo?.keep(found, of: match)
        return found
    }

    /// At most how many passages the rest of the query matches, from the stored
    /// ``CharacterTotals``: each of its terms' rarest character bounds it, the rarest of those
    /// bounds them all. Nil when a term has no ideograph, the totals are not known or the rest
    /// has an OR (whose sides add up).
    private func restBound(_ parts: CharacterParts, _ db: Database) throws -> Int? {
        guard !parts.rest.contains(" OR ") else { return nil }
        let characters = Set(parts.characters.map(\.scalar))
        let plans = highlightPlans.filter { !($0.folded.count == 1 && characters.contains($0.folded[0])) }
        return try Self.rarestCharacters(of: plans, db)?.min()
    }

    /// `ids` (ascending) whose passage holds the character of `slot`, or does not when
    /// `negated`, by its bit: a lookup per report when they are few, else every report's bitmap
    /// of the slot read in order beside them.
    private static func kept(_ ids: [Int64], slot: Int, negated: Bool, _ db: Database, ranges: ReportRanges) throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        var out: [Int64] = []
        out.reserveCapacity(ids.count)
        var i = 0
        func take(first: Int64, count: Int, bits: UnsafeRawBufferPointer) {
            // The ids before this report's passages have no bitmap: they hold no such bit.
            while i < ids.count, ids[i] < first {
                if negated { out.append(ids[i]) }
                i += 1
            }
            while i < ids.count, ids[i] < first + Int64(count) {
                let n = Int(ids[i] - first)
                let held = n / 8 < bits.count && bits[n / 8] & (1 << UInt8(n % 8)) != 0
                if held != negated { out.append(ids[i]) }
                i += 1
            }
        }
        var reports: [Int64] = []
        var end = Int64.min
        for id in ids where id >= end {
            guard let r = ranges.range(ofPassage: id) else { continue }
            reports.append(ranges.reports[r])
            end = ranges.ids(ofRange: r).upperBound
        }
        if reports.count * lookedUpShare <= ranges.reports.count {
            for report in reports {
                guard let (first, count, bits) = try ReportCharacters.bitmap(of: slot, report: report, db) else { continue }
                bits.withUnsafeBytes { take(first: first, count: count, bits: $0) }
            }
        } else {
            try ReportCharacters.forEachBitmap(of: slot, db) { _, first, count, bits in
                if i < ids.count { take(first: first, count: count, bits: bits) }
            }
        }
        if negated { out.append(contentsOf: ids[i...]) }
        return out
    }

    /// `ids` whose text holds every character of `characters` not negated and none negated.
    private static func kept(_ ids: [Int64], checkingText characters: [CharacterParts.Part], _ db: Database) throws -> [Int64] {
        var held = Set<Int64>()
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + allowedBatch * 8)])
            start += batch.count
            try forEachPassage(batch, db) { id, _, _, _, text in
                let folded = FoldedText(text)
                if characters.allSatisfy({ folded.scalars.contains($0.scalar) != $0.negated }) { held.insert(id) }
            }
        }
        return ids.filter(held.contains)
    }

    /// `ids` among the character's own FTS5 rowids, or not among them when it is negated.
    private static func kept(_ ids: [Int64], character: CharacterParts.Part, _ db: Database) throws -> [Int64] {
        let holding = try RowIDList.fetch(db.cachedStatement(sql: rowIDsSelect), arguments: [character.match])
        var out: [Int64] = []
        var theirs = holding.makeIterator()
        var next = theirs.next()
        for id in ids {
            while let n = next, n < id { next = theirs.next() }
            if (next == id) != character.negated { out.append(id) }
        }
        return out
    }
}
