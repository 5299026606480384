import GRDB

/// One character alone with filters on the report (unit:, year:, title:): its passages read
/// report by report among the reports the filters allow, not through FTS5.
///
/// FTS5 answers one character with a prefix query that merges the doclists of every bigram
/// starting with it before returning a row, in every statement. A narrow filter read span by
/// span merged them once per span: `的 year:2020` at 1 GB (248 reports) took 3.9 minutes. The
/// ``FrequentCharacters`` are read from the bits of each allowed report (``ReportCharacters``),
/// any other character from the allowed reports' text when the filter is narrow
/// (``allowedSpans(_:)``); past that FTS5 walks its matches once, as before. The matches are
/// scored in Swift as FTS5 would score them (``scored(_:_:_:)``): all of them for the list of
/// every hit and `units`, and for a page all of them up to ``filteredRankedAtMost``, else an
/// even sample of that many.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(SearchQuery(parsing: "的 year:2020"), db)
/// if let reader = try compiled.filteredCharacter(db, ranges: ranges) {   // .bits(0): 的
///     try compiled.forEachPassage(of: reader, db, ranges: ranges) { id in …; return true }
/// }
/// ```
extension CompiledQuery {
    /// How the passages of a filtered character are read.
    enum FilteredCharacter: Equatable {
        /// From each allowed report's bits for the ``FrequentCharacters`` slot.
        case bits(Int)
        /// From each allowed report's text: the folded character.
        case text(UInt32)
    }

    /// A page of a filtered character ranks every match up to this many (reading and
    /// tokenizing each passage: about 2.5 µs at 1 GB), past it an even sample of this many.
    static let filteredRankedAtMost = 20_000

    /// How the matches of `match` (the query's, by default) are read report by report, when the
    /// query is one ideograph alone with filters on reports only, and it is one of the
    /// ``FrequentCharacters`` (in an index holding their bits) or the filter is narrow; nil
    /// otherwise.
    func filteredCharacter(_ db: Database, ranges: ReportRanges, match: String? = nil) throws -> FilteredCharacter? {
        guard let singleTerm, tiers.count == 1, tiers[0].check == nil, !conditions.isEmpty,
              match == nil || match == tiers[0].match,
              allowedReportIDs != nil, highlightPlans.count == 1,
              singleTerm.folded.count == 1, singleTerm.prefixLast,
              ScalarClass.of(singleTerm.folded[0]) == .ideograph else { return nil }
        if let slot = singleTerm.frequentCharacterSlot, try ReportCharacters.isComplete(db) { return .bits(slot) }
        return allowedSpans(ranges) != nil ? .text(singleTerm.folded[0]) : nil
    }

    /// Calls `body(passageID)` for the passages of the allowed reports holding the character,
    /// ascending, until it returns false.
    func forEachPassage(of reader: FilteredCharacter, _ db: Database, ranges: ReportRanges,
                        _ body: (Int64) throws -> Bool) throws {
        guard let allowed = allowedReportIDs else { return }
        var sections = allowedCursor(ranges)  // the reports are allowed: only a section: filter asks more
        for i in allowed.compactMap(ranges.range(ofReport:)).sorted() {
            let report = ranges.reports[i]
            var going = true
            switch reader {
            case .bits(let slot):
                try ReportCharacters.forEachPassage(holding: slot, report: report, db) { id in
                    if going, allowedSections == nil || sections.allows(id) { going = try body(id) }
                }
            case .text(let value):
                try Self.forEachPassage(holding: value, report: report, ranges: ranges, db) { id in
                    guard allowedSections == nil || sections.allows(id) else { return true }
                    going = try body(id)
                    return going
                }
            }
            if !going { return }
        }
    }

    /// Every passage of the allowed reports holding the character, with its report and rank,
    /// best first (``scored(_:_:_:)``), its text read in batches and let go.
    func rankedPassages(of reader: FilteredCharacter, _ db: Database,
                        ranges: ReportRanges) throws -> [(id: Int64, report: Int64, rank: Double)] {
        var ids: [Int64] = []
        try forEachPassage(of: reader, db, ranges: ranges) { ids.append($0); return true }
        var out: [(id: Int64, report: Int64, rank: Double)] = []
        out.reserveCapacity(ids.count)
        try scored(ids, db) { out.append(($0.passageID, $0.reportID, $0.rank)) }
        out.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }
        return out
    }

    /// Calls `body` with the passages `ids`, in batches of ``allowedBatch``, each scored as
    /// FTS5 scores the character's prefix query with ``TermFrequencyRank`` (as a long phrase's
    /// candidates are, ``rankedFromRareTokens(_:wanted:ranges:limits:)``): every occurrence of
    /// the character starts one token, and `passages_fts_docsize` gives the passage's length,
    /// against the index's average. A page, the list of every hit and `units` rank them as they
    /// would through FTS5. (A passage without its length, which FTS5 could not score, gets the
    /// average.)
    func scored(_ ids: [Int64], _ db: Database, _ body: (Match) throws -> Void) throws {
        guard let value = highlightPlans.first?.folded.first else { return }
        let average = try FTS5Totals.read(db)?.averageLength ?? 1
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + Self.allowedBatch)])
            start += batch.count
            try Self.forEachPassageWithLength(batch, db, lengths: lengths) { m, length in
                var m = m
                let instances = Self.instances(of: [value], in: FoldedText(m.text).scalars)
                m.rank = TermFrequencyRank.score(frequency: Double(instances), length: length.map { Double($0) } ?? average,
                                                 averageLength: average)
                try body(m)
                return true
            }
        }
    }
}
