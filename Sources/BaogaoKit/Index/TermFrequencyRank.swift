import GRDB
import GRDBSQLite

/// `baogao_tf(passages_fts, cap)`: FTS5's bm25 without its IDF, for a match of one phrase.
/// Lower is better, as with bm25.
///
/// bm25 multiplies each phrase's term-frequency part by the phrase's IDF, and finds the IDF by
/// running the phrase's query a second time. With one phrase the IDF is the same for every
/// row, and the ``Ranker`` divides every score by the best one: ranking by the
/// term-frequency part alone gives the same order and the same relevances, for one
/// evaluation of the phrase instead of two. Rows after the first `cap` get NULL, at no cost,
/// so that one pass can rank the first `cap` matches and count all of them. A third argument,
/// the token of ``PassageLengths`` kept in memory (0: none), gives each row's length without
/// FTS5's lookup of it.
///
/// ```sql
/// SELECT rowid, baogao_tf(passages_fts, 2000) FROM passages_fts WHERE passages_fts MATCH '"乡村" + "村振" + "振兴"'
/// ```
///
/// Registered on every connection of an index (see ``IndexDatabase``).
enum TermFrequencyRank {
    static let name = "baogao_tf"
    /// bm25's parameters, as FTS5 sets them.
    static let k1 = 1.2
    static let b = 0.75

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, rankFunction, nil)
    }

    /// The average length scores are taken against: an index of `rows` rows and `tokens`
    /// tokens, at least 1 (an empty index has no row to score).
    static func averageLength(rows: Int64, tokens: Int64) -> Double {
        rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
    }

    /// The score of a row holding the phrase `frequency` times in `length` tokens.
    static func score(frequency: Double, length: Double, averageLength: Double) -> Double {
        -(frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * length / averageLength)))
    }

    /// What one statement's calls share: the average length, how many rows were scored, and
    /// the lengths kept in memory.
    final class State {
        let averageLength: Double
        let lengths: PassageLengths?
        var scored = 0

        init(averageLength: Double, lengths: PassageLengths?) {
            self.averageLength = averageLength
            self.lengths = lengths
        }
    }

    /// The call scoring the first `cap` rows with `lengths`.
    static func sql(cap: Int = .max, lengths: PassageLengths?) -> String {
        "\(name)(passages_fts, \(cap), \(lengths?.token ?? 0))"
    }
}

private nonisolated(unsafe) let rankFunction: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let fts else { return }
    let cap = count >= 1 ? Int(sqlite3_value_int64(values![0])) : Int.max

    guard let state = RankState.of(api, fts, context, make: { rows, tokens in
        TermFrequencyRank.State(averageLength: TermFrequencyRank.averageLength(rows: rows, tokens: tokens),
                                lengths: count >= 2 ? PassageLengths.registered(sqlite3_value_int64(values![1])) : nil)
    }) else { return }

    guard state.scored < cap else { return sqlite3_result_null(context) }
    state.scored += 1
    var instances: Int32 = 0
    var length: Int32 = 0
    var code = api.xInstCount(fts, &instances)
    if code == SQLITE_OK { code = PassageLengths.rowLength(api, fts, state.lengths, &length) }
    guard code == SQLITE_OK else { return sqlite3_result_error_code(context, code) }
    sqlite3_result_double(context, TermFrequencyRank.score(
        frequency: Double(instances), length: Double(length), averageLength: state.averageLength))
}
