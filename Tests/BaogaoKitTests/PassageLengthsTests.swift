import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Passage lengths kept in memory (``PassageLengths``): FTS5's own, scored alike by the rank
/// functions, used only under the state they were read from, read again after a change.
@Suite(.serialized)
struct PassageLengthsTests {
    let corpus: URL
    let url: URL

    init() throws {
        corpus = try copyOfSampleCorpus()
        url = try temporaryFolder().appendingPathComponent("lengths.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
    }

    /// Every row of `passages_fts_docsize`, decoded.
    static func stored(_ db: Database) throws -> [Int64: Int32] {
        var stored: [Int64: Int32] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sz FROM passages_fts_docsize") {
            stored[row[0]] = try CompiledQuery.storedLength(row, atIndex: 1).map { Int32($0) }
        }
        return stored
    }

    @Test func theLengthsAreFTS5sOwn() throws {
        let index = try IndexDatabase.open(at: url)
        try index.read { db in
            let copy = try #require(try PassageLengths.read(db))
            #expect(copy.id == (try ReportRanges.storedID(db)))
            let stored = try Self.stored(db)
            #expect(stored.count > 100)
            for (id, length) in stored { #expect(copy.length(of: id) == length, "passage \(id)") }
            let last = try #require(stored.keys.max())
            for id: Int64 in [-1, 0, last + 1, .max] { #expect(copy.length(of: id) == nil) }
            #expect(copy.lengths.count == Int(last) + 1)
        }
    }

    /// The expression FTS5 is given for `text` (its exact tier) and IDFs for its phrases.
    static func match(_ text: String, _ db: Database) throws -> (match: String, idfs: Data) {
        let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
        let match = try #require(compiled.tiers.first?.match)
        let idfs = try compiled.phraseIDFs(of: match, db)?.idfs ?? [1.5]
        return (match, GivenIDFRank.encoded(idfs))
    }

    static func scores(_ db: Database, _ sql: String, _ match: String,
                       _ arguments: [(any DatabaseValueConvertible)?] = []) throws -> [Int64: Double] {
        var scores: [Int64: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, \(sql) FROM passages_fts WHERE passages_fts MATCH ?",
                                    arguments: StatementArguments(arguments + [match])) {
            scores[row[0]] = row[1]
        }
        return scores
    }

    @Test(arguments: ["乡村振兴", "\"万人助万企\"", "党", "发展 \"营商环境\"", "工作 推进"])
    func theRankFunctionsScoreAlikeWithThem(_ text: String) throws {
        let index = try IndexDatabase.open(at: url)
        try index.read { db in
            let copy = try #require(try PassageLengths.read(db))
            let (match, idfs) = try Self.match(text, db)
            let looked = try Self.scores(db, TermFrequencyRank.sql(lengths: nil), match)
            let kept = try Self.scores(db, TermFrequencyRank.sql(lengths: copy), match)
            #expect(!looked.isEmpty && kept == looked, "\(text)")
            let lookedBM25 = try Self.scores(db, GivenIDFRank.sql(cap: .max, lengths: nil), match, [idfs])
            let keptBM25 = try Self.scores(db, GivenIDFRank.sql(cap: .max, lengths: copy), match, [idfs])
            #expect(!lookedBM25.isEmpty && keptBM25 == lookedBM25, "\(text)")
        }
    }

    /// The functions take the kept lengths, not FTS5's: lengths made up change the scores as
    /// bm25's formula says.
    @Test func theRankFunctionsReadTheKeptLengths() throws {
        let index = try IndexDatabase.open(at: url)
        try index.read { db in
            let copy = try #require(try PassageLengths.read(db))
            let made = PassageLengths(id: copy.id, lengths: copy.lengths.map { $0 == PassageLengths.unknown ? $0 : 1 })
            let match = try Self.match("\"乡村振兴\"", db).match
            let looked = try Self.scores(db, TermFrequencyRank.sql(lengths: nil), match)
            let madeUp = try Self.scores(db, TermFrequencyRank.sql(lengths: made), match)
            let average = try #require(try FTS5Totals.read(db)).averageLength
            #expect(Set(madeUp.keys) == Set(looked.keys) && !looked.isEmpty)
            for (id, score) in madeUp {
                // The frequency a row's score stands for, then its score with length 1.
                let length = Double(try #require(copy.length(of: id)))
                let k = TermFrequencyRank.k1 * (1 - TermFrequencyRank.b + TermFrequencyRank.b * length / average)
                let frequency = -looked[id]! * k / (TermFrequencyRank.k1 + 1 + looked[id]!)
                let expected = TermFrequencyRank.score(frequency: frequency.rounded(), length: 1, averageLength: average)
                #expect(abs(score - expected) < 1e-9, "passage \(id)")
            }
            #expect(madeUp != looked)
        }
    }

    @Test(arguments: ["乡村振兴", "\"万人助万企\"", "党", "的", "发展 \"营商环境\"", "工作 推进", "发展 year:2023"])
    func aSearchFindsAndRanksTheSameWithThem(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let kept = try IndexDatabase.open(at: url)
        try kept.keepPassageLengths(waiting: true)
        #expect(try kept.read { try kept.keptLengths($0) } != nil)
        let plain = try IndexDatabase.open(at: url)
        #expect(try plain.read { try plain.keptLengths($0) } == nil, "a command that searches once keeps none")
        let a = try Searcher(index: kept).search(query, limit: 20)
        let b = try Searcher(index: plain).search(query, limit: 20)
        #expect(a.totalHits == b.totalHits && a.totalReports == b.totalReports)
        #expect(a.hits.map { [$0.path, String($0.line), String($0.score)] } == b.hits.map { [$0.path, String($0.line), String($0.score)] })
    }

    /// A token passes to a new copy once no copy holds it, so that the statements written with
    /// tokens stay few; a live copy keeps its own.
    @Test func tokensAreFewAndEachLiveCopysOwn() {
        let held = PassageLengths(id: "held", lengths: [3])
        var seen: Set<Int64> = []
        for n in 0..<50 {
            let copy = PassageLengths(id: "copy \(n)", lengths: [UInt16(n)])
            #expect(copy.token != held.token)
            #expect(PassageLengths.registered(copy.token) === copy)
            seen.insert(copy.token)
        }
        #expect(PassageLengths.registered(held.token) === held)
        // Other suites' copies may hold a few tokens meanwhile.
        #expect(seen.count <= 4, "\(seen)")
    }

    /// A search ranks with the copy kept: lengths made up change its scores.
    @Test func aSearchRanksWithTheKeptLengths() throws {
        let index = try IndexDatabase.open(at: url)
        try index.keepPassageLengths(waiting: true)
        let copy = try #require(try index.read { try index.keptLengths($0) })
        let query = try SearchQuery(parsing: "\"乡村振兴\"")
        let before = try Searcher(index: index).search(query, limit: 20)
        index.passageLengths.keep(PassageLengths(id: copy.id, lengths: copy.lengths.map { $0 == PassageLengths.unknown ? $0 : 1 }))
        let after = try Searcher(index: index).search(query, limit: 20)
        #expect(after.totalHits == before.totalHits && before.hits.count > 1)
        #expect(after.hits.map(\.score) != before.hits.map(\.score))
    }

    /// After another process changes the index, the copy of the old state is not used; the
    /// first query that sees the change starts reading the new one, which the next queries use.
    @Test func aChangedIndexIsReadAgainInTheBackground() throws {
        let index = try IndexDatabase.open(at: url)
        try index.keepPassageLengths(waiting: true)
        let first = try #require(try index.read { try index.keptLengths($0) })

        try changeDeleteAndAddAReport(in: corpus)
        _ = try Indexer.index(folder: corpus, into: url)
        #expect(try index.read { try index.keptLengths($0) } == nil, "not the old state's")
        var fresh: PassageLengths?
        for _ in 0..<200 where fresh == nil {
            Thread.sleep(forTimeInterval: 0.05)
            fresh = try index.read { try index.keptLengths($0) }
        }
        let copy = try #require(fresh)
        #expect(copy.id != first.id)
        try index.read { db in
            #expect(copy.id == (try ReportRanges.storedID(db)))
            let stored = try Self.stored(db)
            for (id, length) in stored { #expect(copy.length(of: id) == length, "passage \(id)") }
            let added = try #require(stored.keys.max())
            #expect(first.length(of: added) == nil, "the passages added are not in the old copy")
        }
    }
}
