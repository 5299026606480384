/// How one search term becomes an FTS5 phrase built from ``BigramTokenizer`` tokens.
///
/// A term matches a passage when its folded text occurs in the passage's folded text, never
/// cutting a word of letters or digits. The phrase is built so that FTS5 finds exactly those
/// passages: an ideograph run becomes its bigrams, plus the unigram of its last character when
/// the term goes on after it (the document's run must end there too); a lone ideograph at the
/// end of the term becomes a prefix token, since in the document it starts a bigram or ends a
/// run. Where a word and an ideograph touch inside the term ("XX办", "5G网络"), the token after
/// the boundary is the glued one (see ``BigramTokenizer/glue``), so "校XX" never matches
/// "校、XX". Separators (punctuation, spaces) are not tokens, so a term holding one is checked
/// against the passage text after FTS5 has found the candidates.
///
/// ```swift
/// TermPlan("乡村振兴")!.matchExpression  // "\"乡村\" + \"村振\" + \"振兴\""
/// TermPlan("XX办")!.matchExpression      // "\"xx\" + \"\u{E000}办\" *"
/// TermPlan("，")                         // nil: nothing to search for
/// ```
public struct TermPlan: Sendable, Hashable {
    /// The term as typed.
    public let text: String
    /// The folded scalars of the term, for checking and highlighting.
    public let folded: [UInt32]
    /// The tokens of the phrase, in order.
    public let tokens: [String]
    /// Whether the last token is matched as a prefix.
    public let prefixLast: Bool
    /// Whether FTS5's answer must be checked against the text (the term holds separators).
    public let needsVerification: Bool

    public init?(_ text: String) {
        let folded = FoldedText(text).scalars
        var tokens: [String] = []
        var prefixLast = false
        var needsVerification = false
        var run: [UInt32] = []
        var word = String.UnicodeScalarView()
        // Whether the current run or word touches one of the other kind before it.
        var runGlued = false
        var wordGlued = false
        let glue = String(BigramTokenizer.glue)

        func scalar(_ v: UInt32) -> Unicode.Scalar { Unicode.Scalar(v)! }
        func closeRun(followed: Bool) {
            guard !run.isEmpty else { return }
            let first = tokens.count
            if run.count == 1 {
                tokens.append(String(Character(scalar(run[0]))))
                if !followed { prefixLast = true }
            } else {
                for k in 1..<run.count {
                    var bigram = String.UnicodeScalarView()
                    bigram.append(scalar(run[k - 1]))
                    bigram.append(scalar(run[k]))
                    tokens.append(String(bigram))
                }
                if followed { tokens.append(String(Character(scalar(run[run.count - 1])))) }
            }
            if runGlued { tokens[first] = glue + tokens[first] }
            run.removeAll()
            runGlued = false
        }
        func closeWord() {
            guard !word.isEmpty else { return }
            tokens.append((wordGlued ? glue : "") + String(word))
            word = String.UnicodeScalarView()
            wordGlued = false
        }

        for v in folded {
            switch ScalarClass.of(v) {
            case .ideograph:
                if !word.isEmpty {
                    closeWord()
                    runGlued = true
                }
                run.append(v)
            case .word:
                if !run.isEmpty {
                    closeRun(followed: true)
                    wordGlued = true
                }
                word.append(scalar(v))
            case .separator:
                closeRun(followed: true)
                closeWord()
                needsVerification = true
            }
        }
        closeRun(followed: false)
        closeWord()
        guard !tokens.isEmpty else { return nil }
        self.text = text
        self.folded = folded
        self.tokens = tokens
        self.prefixLast = prefixLast
        self.needsVerification = needsVerification
    }

    /// The slot of the term among ``FrequentCharacters``, when it is one of them alone: its
    /// passages and reports are counted at index time (``ReportCharacters``, ``SlotTotals``).
    var frequentCharacterSlot: Int? {
        folded.count == 1 ? FrequentCharacters.slot(of: folded[0]) : nil
    }

    /// The slot of the term among ``FrequentBigrams``, when it is one of them alone, matched
    /// as one whole token (``ReportBigrams``, ``SlotTotals``).
    var frequentBigramSlot: Int? {
        folded.count == 2 && tokens.count == 1 && !prefixLast ? FrequentBigrams.slot(of: folded) : nil
    }

    /// The FTS5 phrase: the tokens, each quoted, joined with `+`.
    public var matchExpression: String {
        let phrase = tokens.map { "\"\($0)\"" }.joined(separator: " + ")
        return prefixLast ? phrase + " *" : phrase
    }
}
