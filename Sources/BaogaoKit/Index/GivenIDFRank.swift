import Foundation
import GRDB
import GRDBSQLite

/// `baogao_bm25(passages_fts, cap, idfs)`: FTS5's bm25 with each phrase's IDF given (`idfs`:
/// one little-endian Double per phrase of the expression, in order, see ``encoded(_:)``).
/// Lower is better, as with bm25.
///
/// bm25 finds each phrase's IDF by evaluating that phrase alone over the whole index before
/// its first row: for a query of two common phrases matching a few passages, four fifths of
/// its first page at 1 GB. The caller works the IDFs out as it likes (counted, stored, or
/// estimated, see `CompiledQuery.passages(holding:atLeast:rows:_:estimatedPast:)`); with the
/// IDFs bm25 would find, the score is bm25's to the last bit. As with ``TermFrequencyRank``,
/// rows after the first `cap` get NULL, so one pass ranks the first `cap` and counts them all,
/// and a fourth argument, the token of ``PassageLengths`` kept in memory (0: none), gives each
/// row's length.
///
/// ```sql
/// SELECT rowid, baogao_bm25(passages_fts, 2000, ?) FROM passages_fts WHERE passages_fts MATCH ?
/// -- arguments: GivenIDFRank.encoded([3.2, 7.9]), '("规定") AND ("县级" + "级以")'
/// ```
///
/// Registered on every connection of an index (see ``IndexDatabase``).
enum GivenIDFRank {
    static let name = "baogao_bm25"

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, rankFunction, nil)
    }

    /// The average length in tokens of the `rows` rows holding `tokens` tokens, as FTS5's
    /// bm25 takes it.
    static func averageLength(rows: Int64, tokens: Int64) -> Double {
        Double(tokens) / Double(max(1, rows))
    }

    /// FTS5's bm25 of a row of `length` tokens holding each phrase `frequencies[i]` times, the
    /// phrases weighted by `idfs` (fts5_aux.c, one column of weight 1): negative, the best
    /// lowest. The score ``GivenIDFRank`` gives, for rows scored outside FTS5 too.
    static func score(frequencies: [Double], length: Double, averageLength: Double, idfs: [Double]) -> Double {
        let (k1, b) = (1.2, 0.75)
        var score = 0.0
        for p in idfs.indices {
            let frequency = frequencies[p]
            score += idfs[p] * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * length / averageLength)))
        }
        return -1.0 * score
    }

    /// bm25's IDF of a phrase held by `passages` of `rows` passages, as FTS5 computes it.
    static func idf(passages: Int, rows: Int) -> Double {
        let idf = log((Double(rows) - Double(passages) + 0.5) / (Double(passages) + 0.5))
        return idf <= 0 ? 1e-6 : idf
    }

    /// The `idfs` argument.
    static func encoded(_ idfs: [Double]) -> Data {
        var data = Data(capacity: 8 * idfs.count)
        for idf in idfs { withUnsafeBytes(of: idf.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// What one statement's calls share.
    final class State {
        let averageLength: Double
        let idfs: [Double]
        let lengths: PassageLengths?
        var scored = 0
        var frequencies: [Double]

        init(averageLength: Double, idfs: [Double], lengths: PassageLengths?) {
            self.averageLength = averageLength
            self.idfs = idfs
            self.lengths = lengths
            frequencies = [Double](repeating: 0, count: idfs.count)
        }
    }

    /// The call scoring the first `cap` rows with `lengths`, its IDFs bound to `?`.
    static func sql(cap: Int = .max, lengths: PassageLengths?) -> String {
        "\(name)(passages_fts, \(cap), ?, \(lengths?.token ?? 0))"
    }
}

private nonisolated(unsafe) let rankFunction: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let fts, let values, count >= 1 else { return }
    let phrases = Int(api.xPhraseCount(fts))
    guard count == 2 || count == 3 else {
        return sqlite3_result_error(context, "\(GivenIDFRank.name): (passages_fts, cap, idfs[, lengths])", -1)
    }
    let cap = Int(sqlite3_value_int64(values[0]))

    guard let state = RankState.of(api, fts, context, make: { rows, tokens -> GivenIDFRank.State? in
        let bytes = Int(sqlite3_value_bytes(values[1]))
        guard bytes == 8 * phrases, let blob = sqlite3_value_blob(values[1]) else {
            sqlite3_result_error(context, "\(GivenIDFRank.name): one IDF per phrase of the expression", -1)
            return nil
        }
        let raw = UnsafeRawBufferPointer(start: blob, count: bytes)
        let idfs = (0..<phrases).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        // As FTS5's bm25 (an empty index has no row to score).
        return GivenIDFRank.State(averageLength: GivenIDFRank.averageLength(rows: rows, tokens: tokens), idfs: idfs,
                                  lengths: count == 3 ? PassageLengths.registered(sqlite3_value_int64(values[2])) : nil)
    }) else { return }

    guard state.scored < cap else { return sqlite3_result_null(context) }
    state.scored += 1
    // FTS5's bm25, term by term (fts5_aux.c), with a weight of 1 for the one column.
    for i in 0..<phrases { state.frequencies[i] = 0 }
    var instances: Int32 = 0
    var code = api.xInstCount(fts, &instances)
    var i: Int32 = 0
    while code == SQLITE_OK && i < instances {
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        code = api.xInst(fts, i, &phrase, &column, &offset)
        if code == SQLITE_OK { state.frequencies[Int(phrase)] += 1.0 }
        i += 1
    }
    var length: Int32 = 0
    if code == SQLITE_OK { code = PassageLengths.rowLength(api, fts, state.lengths, &length) }
    guard code == SQLITE_OK else { return sqlite3_result_error_code(context, code) }
    sqlite3_result_double(context, GivenIDFRank.score(frequencies: state.frequencies, length: Double(length),
                                                      averageLength: state.averageLength, idfs: state.idfs))
}
