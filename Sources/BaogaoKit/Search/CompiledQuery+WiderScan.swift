import GRDB

/// The variant and related tiers of a word typed without quotes, under a narrow filter: read
/// through FTS5's wider expression span by span, over every match, or from the allowed
/// passages' text, whichever costs least.
///
/// A tier checked in Swift (near variants, the parts apart) is read through its wider
/// expression (``Tier/spanMatch``, an OR of the term's parts ANDed). Span by span, a long word
/// of common parts steps a score of doclist iterators in each span: `依照本法规定应当
/// unit:河南省人民代表大会常务委员会` at 1 GB read 222 spans (9,780 passages) in 350 ms to find 71
/// candidates, where reading and checking the text of those 9,780 passages costs a few
/// microseconds each; a word of rare parts (`乡村振兴 unit:乡镇人民政府`) is cheapest over
/// every match of the index (6 ms against 127 by spans). ``widerPlan(passages:spans:tokens:pages:)``
/// weighs the three. The rows read from the text are those the checks of the tiers read
/// through that expression keep, scored with `baogao_tf`'s formula: every occurrence of each
/// of the expression's phrases (overlapping) against the passage's stored length. FTS5 counts
/// only the phrases of the branches it evaluated at that row, so a passage holding parts of
/// several branches may score a little higher here than through FTS5; within a tier of near
/// variants the order is much the same.
///
/// ```swift
/// compiled.widerPlan(loose, db, ranges: ranges)              // .text
/// let rows = try compiled.scannedWider(loose, db, ranges: ranges)   // [(id, rank)]
/// ```
extension CompiledQuery {
    /// How a tier's wider expression is read under the query's filter.
    enum WiderPlan: Equatable {
        /// FTS5, span by span.
        case spans
        /// FTS5, over every match of the index, the others dropped.
        case everyMatch
        /// The allowed passages' text (``scannedWider(_:_:ranges:)``).
        case text
    }

    /// The cheapest way to read `wider` under a narrow filter; nil without one.
    func widerPlan(_ wider: String, _ db: Database, ranges: ReportRanges) -> WiderPlan? {
        guard let spans = allowedSpans(ranges) else { return nil }
        let phrases = Self.phrases(in: wider)
        if let forced = forcedWiderPlan { return forced == .text && Self.bigramChains(phrases) == nil ? .spans : forced }
        let passages = spans.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound + 1) }
        let pages = DoclistPages.spans(of: Array(Set(phrases.joined())).sorted(), db)?.reduce(0, +)
        let plan = Self.widerPlan(passages: passages, spans: spans.count, tokens: phrases.reduce(0) { $0 + $1.count },
                                  pages: pages ?? .max)
        return plan == .text && Self.bigramChains(phrases) == nil ? .spans : plan
    }

    /// The cheapest way to read an expression of `tokens` tokens (each phrase's, counted again
    /// where it repeats) whose distinct tokens' doclists span `pages` leaf pages, under a
    /// filter keeping `passages` passages in `spans` spans. Measured at 1 GB: FTS5 by spans
    /// costs about 50 µs a token a span (`县级以上人民政府 year:2018`, 26 tokens in 198 spans:
    /// 193 ms), over every match up to 250 µs a page (65–275 over six words), the text about
    /// 3 µs a passage.
    ///
    /// ```swift
    /// CompiledQuery.widerPlan(passages: 9_780, spans: 222, tokens: 26, pages: 2_945)   // .text
    /// CompiledQuery.widerPlan(passages: 24_634, spans: 553, tokens: 5, pages: 26)      // .everyMatch
    /// ```
    static func widerPlan(passages: Int, spans: Int, tokens: Int, pages: Int) -> WiderPlan {
        let bySpans = spans * tokens * 50
        let every = pages >= Int.max / 250 ? Int.max : pages * 250
        let text = passages * 3
        if text <= bySpans && text <= every { return .text }
        return every < bySpans ? .everyMatch : .spans
    }

    /// The rows of the allowed passages that a tier read through `wider` keeps, in id order
    /// with their scores, read from the text; nil when the filter is not narrow or the
    /// expression is not made of ideograph bigrams.
    func scannedWider(_ wider: String, _ db: Database, ranges: ReportRanges) throws -> [(id: Int64, rank: Double)]? {
        guard let spans = allowedSpans(ranges) else { return nil }
        guard let texts = Self.bigramChains(Self.phrases(in: wider)) else { return nil }
        let checks = (tiers + (related.map { [$0] } ?? [])).filter { $0.spanMatch == wider }.compactMap(\.check)
        guard !checks.isEmpty else { return nil }
        var kept: [(id: Int64, frequency: Int)] = []
        let statement = try db.cachedStatement(sql: "SELECT id, text FROM passages WHERE id BETWEEN ? AND ? ORDER BY id")
        var allowed = allowedCursor(ranges)
        for span in spans {
            let rows = try Row.fetchCursor(statement, arguments: [span.lowerBound, span.upperBound])
            while let row = try rows.next() {
                let id: Int64 = row[0]
                guard allowedSections == nil || allowed.allows(id) else { continue }
                let folded = try row.withUnsafeData(atIndex: 1) { data -> FoldedText? in
                    data.map { $0.withUnsafeBytes { FoldedText(utf8: $0.bindMemory(to: UInt8.self)) } }
                }
                guard let folded, checks.contains(where: { $0(folded) }) else { continue }
                kept.append((id, texts.reduce(0) { $0 + Self.instances(of: $1, in: folded.scalars) }))
            }
        }
        let average = try FTS5Totals.read(db)?.averageLength ?? 1
        var lengths: [Int64: Int] = [:]
        let sizes = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT d.id, d.sz FROM json_each(?) j JOIN passages_fts_docsize d ON d.id = j.value
            """), arguments: [Self.jsonArray(kept.map(\.id))])
        while let row = try sizes.next() { lengths[row[0]] = try Self.storedLength(row, atIndex: 1) }
        return kept.map { id, frequency in
            (id, TermFrequencyRank.score(frequency: Double(frequency), length: lengths[id].map(Double.init) ?? average,
                                         averageLength: average))
        }
    }

    /// The text each phrase stands for, when every phrase is a chain of ideograph bigrams
    /// (`"依照" + "照本"` → 依照本, folded scalars); nil otherwise (letters and digits are
    /// tokens of another kind, which the text would not count alike).
    static func bigramChains(_ phrases: [[String]]) -> [[UInt32]]? {
        var out: [[UInt32]] = []
        for phrase in phrases {
            var chain: [UInt32] = []
            for token in phrase {
                let scalars = token.unicodeScalars.map(\.value)
                guard scalars.count == 2, scalars.allSatisfy({ ScalarClass.of($0) == .ideograph }) else { return nil }
                if chain.isEmpty {
                    chain = scalars
                } else {
                    guard chain.last == scalars[0] else { return nil }
                    chain.append(scalars[1])
                }
            }
            guard !chain.isEmpty else { return nil }
            out.append(chain)
        }
        return out.isEmpty ? nil : out
    }
}
