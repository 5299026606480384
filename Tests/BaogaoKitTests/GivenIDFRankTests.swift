import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao_bm25` with the IDFs a query works out is FTS5's bm25 to the last bit when those
/// IDFs are counted; the phrases of an expression map to the query's terms in order.
@Suite(.serialized)
struct GivenIDFRankTests {
    static let index: IndexDatabase = {
        let url = try! temporaryFolder().appendingPathComponent("idf.sqlite")
        _ = try! Indexer.index(folder: sampleCorpus, into: url)
        return try! IndexDatabase.open(at: url)
    }()

    static let phraseCases: [(String, [[String]])] = [
        (#""规定""#, [["规定"]]),
        (#"("规定") AND ("县级" + "级以")"#, [["规定"], ["县级", "级以"]]),
        (#"(("发展") AND ("工作")) NOT (("乡村" + "村振" + "振兴") OR ("党建"))"#, [["发展"], ["工作"], ["乡村", "村振", "振兴"], ["党建"]]),
        (#"("5g" + "\#u{E000}网络")"#, [["5g", "\u{E000}网络"]]),
        (#"("a""b")"#, [["a\"b"]]),
    ]

    @Test(arguments: phraseCases.indices)
    func phrasesAreReadInOrder(_ i: Int) {
        #expect(CompiledQuery.phrases(in: Self.phraseCases[i].0) == Self.phraseCases[i].1)
    }

    @Test(arguments: ["发展 工作", "乡村振兴 发展 工作", "发展 OR 党建", "工作 -乡村振兴", "\"工作\" \"工作\" 推进", "(发展 OR 党建) 工作 -XX"])
    func givenCountedIDFsScoreAsBM25(_ text: String) throws {
        let compiled = try Self.index.read { try QueryCompiler.compile(try SearchQuery(parsing: text), $0) }
        let match = try #require(compiled.tiers.first?.match)
        let idfs = try #require(try Self.index.read { try compiled.phraseIDFs(of: match, $0) }).idfs
        #expect(idfs.count == CompiledQuery.phrases(in: match).count)
        let rows = try Self.index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT bm25(passages_fts), \(GivenIDFRank.name)(passages_fts, 1000000, ?) FROM passages_fts
                WHERE passages_fts MATCH ?
                """, arguments: [GivenIDFRank.encoded(idfs), match])
        }
        #expect(!rows.isEmpty, "\(text)")
        for row in rows { #expect(row[0] as Double == row[1] as Double, "\(text): \(match)") }
    }

    /// Rows past the cap get no score; an IDF list that does not fit the phrases is an error.
    @Test func theCapAndAWrongListOfIDFs() throws {
        let match = #"("发展") AND ("工作")"#
        try Self.index.read { db in
            let scores = try Row.fetchAll(db, sql: """
                SELECT \(GivenIDFRank.name)(passages_fts, 2, ?) FROM passages_fts WHERE passages_fts MATCH ?
                """, arguments: [GivenIDFRank.encoded([1, 2]), match]).map { $0[0] as Double? }
            #expect(scores.count > 2 && scores.prefix(2).allSatisfy { $0 != nil } && scores.dropFirst(2).allSatisfy { $0 == nil })
            #expect(throws: DatabaseError.self) {
                try Row.fetchAll(db, sql: """
                    SELECT \(GivenIDFRank.name)(passages_fts, 2, ?) FROM passages_fts WHERE passages_fts MATCH ?
                    """, arguments: [GivenIDFRank.encoded([1]), match])
            }
        }
    }

    /// A page of several terms ranks as every hit does (FTS5's bm25), in a small index.
    @Test func aPageOfSeveralTermsRanksAsEveryHit() throws {
        let query = try SearchQuery(parsing: "\"发展\" \"工作\"")
        let compiled = try Self.index.read { try QueryCompiler.compile(query, $0) }
        #expect(try Self.index.read { try compiled.phraseIDFs(of: compiled.tiers[0].match!, $0) } != nil, "ranked by baogao_bm25")
        let page = try #require(try Self.index.read { try compiled.rankedInOnePass($0, wanted: 20) })
        var every: [CompiledQuery.Match] = []
        try Self.index.read { db in
            try compiled.forEachMatch(db) { every.append($0); return true }
        }
        #expect(page.passages == every.count)
        #expect(page.best.map(\.rank) == every.prefix(20).map(\.rank))
    }
}
