import Foundation
import GRDB
import Synchronization
import Testing
@testable import BaogaoKit

/// A long walk read in two halves at once (``CompiledQuery/rowIDsInHalves(match:_:ranges:)``):
/// the halves are the whole walk, counts and pages are those of one walk, and a second
/// connection that sees another state of the index, or none free, leaves the walk to the query.
@Suite(.serialized)
struct SecondReaderTests {
    /// 30 reports of 60 passages; 人民代表 in every third passage, 县级以上 in every fifth, 乡村
    /// in a few reports only.
    static let folder: URL = {
        let folder = try! temporaryFolder("second-reader")
        var files: [String: Data] = [:]
        for report in 0..<30 {
            let lines = (0..<60).map { n -> String in
                var line = "第\(report)号第\(n)项，推进工作"
                if n % 3 == 0 { line += "，人民代表大会审议" }
                if n % 5 == 0 { line += "，县级以上人民政府负责" }
                if report < 3 { line += "，乡村振兴" }
                return line + "。"
            }
            files["单位\(report)_2024_工作总结.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try! write(files, in: folder)
        _ = try! Indexer.index(folder: folder, into: folder.appendingPathComponent("index.sqlite"))
        return folder
    }()

    static let index = try! IndexDatabase.open(at: folder.appendingPathComponent("index.sqlite"))

    /// A second reader that halves every walk.
    static let always = SecondReader(url: folder.appendingPathComponent("index.sqlite"), limit: 1, halvedPast: 0)

    static let queries = ["人民代表", "人民代", "推进", "\"人民代表\"", "县级以上 人民代表", "\"县级以上\" \"人民代表\"",
                          "\"人民代\" OR 乡村振兴", "人民代表 -县级以上", "推进工作"]

    @Test(arguments: queries)
    func theHalvesAreTheWholeWalk(_ text: String) throws {
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db, secondReader: Self.always)
            let match = try #require(compiled.tiers.first?.match)
            let ranges = try #require(compiled.ranges)
            let halves = try #require(try compiled.rowIDsInHalves(match: match, db, ranges: ranges))
            let whole = try CompiledQuery.rowIDs(of: match, in: Int64.min...Int64.max, db)
            #expect(!whole.isEmpty)
            #expect(halves == whole, "\(text)")
        }
    }

    @Test(arguments: queries)
    func countsAndPagesAreThoseOfOneWalk(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let (halved, alone) = try Self.index.read { db in
            (try QueryCompiler.compile(query, db, secondReader: Self.always).count(db),
             try QueryCompiler.compile(query, db).count(db))
        }
        #expect(halved == alone, "\(text)")
        if !text.contains(" ") {
            let expected = try bruteForceCount(of: text.replacingOccurrences(of: "\"", with: ""), in: Self.index)
            #expect(halved == expected)
        }
        // A first page: the same totals and the same best passages in the same order.
        let (halvedPage, alonePage) = try Self.index.read { db in
            (try QueryCompiler.compile(query, db, secondReader: Self.always).rankedInOnePass(db, wanted: 30),
             try QueryCompiler.compile(query, db).rankedInOnePass(db, wanted: 30))
        }
        #expect((halvedPage == nil) == (alonePage == nil), "\(text)")
        // A phrase of up to three characters reads its rowids first, a longer one or quoted
        // terms are scored in one pass (unquoted terms with near variants go another way).
        if text.count <= 3 || text.hasPrefix("\"") && !text.contains(" OR ") { #expect(halvedPage != nil, "\(text)") }
        if let page = halvedPage, let other = alonePage {
            #expect(page.passages == other.passages && page.reports == other.reports, "\(text)")
            #expect(page.best.map(\.passageID) == other.best.map(\.passageID), "\(text)")
            #expect(!page.best.isEmpty)
        }
    }

    /// A sample of matches is read and measured in two halves at once: the same passages, term
    /// frequencies and lengths as one read, so the same best passages with the same ranks; with
    /// the second connection busy the query reads it all.
    @Test(arguments: ["人民代表", "推进 人民代表"])
    func aSampleReadInHalvesIsTheSampleReadWhole(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let busy = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        let release = DispatchSemaphore(value: 0)
        let blocker = try #require(busy.start(sameAs: id) { _ in release.wait(); return 0 })
        defer { release.signal(); _ = blocker.wait() }
        try Self.index.read { db in
            let whole = try QueryCompiler.compile(query, db)
            let ids = try CompiledQuery.rowIDs(of: try #require(whole.tiers.first?.match), in: Int64.min...Int64.max, db)
            let sample = Array(ids.evenSample(CompiledQuery.sampleHalvedFrom * 2))
            #expect(sample.count >= CompiledQuery.sampleHalvedFrom)
            let terms = whole.highlightPlans.map(\.folded)
            let alone = try whole.sampledPassages(sample, terms: terms, db).sorted { $0.match.passageID < $1.match.passageID }
            #expect(alone.map(\.match.passageID) == sample.sorted())
            for reader in [Self.always, busy] {
                let compiled = try QueryCompiler.compile(query, db, secondReader: reader)
                let before = reader.partsRead
                let read = try compiled.sampledPassages(sample, terms: terms, db).sorted { $0.match.passageID < $1.match.passageID }
                #expect(reader.partsRead == before + (reader === Self.always ? 1 : 0), "the upper half read on the second connection when free")
                #expect(read.map(\.match.passageID) == alone.map(\.match.passageID))
                #expect(read.map(\.tf) == alone.map(\.tf) && read.map(\.length) == alone.map(\.length))
                #expect(read.map(\.match.text) == alone.map(\.match.text))
                let best = try compiled.bestOfSample(sample, db, wanted: 20, idfs: terms.count > 1 ? [1.5, 0.5] : nil)
                let expected = try whole.bestOfSample(sample, db, wanted: 20, idfs: terms.count > 1 ? [1.5, 0.5] : nil)
                #expect(best.map(\.passageID) == expected.map(\.passageID) && best.map(\.rank) == expected.map(\.rank))
            }
        }
    }

    /// A spread's picks read in two halves at once are those read one after the other, also
    /// when the lower picks go past where the upper ones begin (here: reports without matches
    /// between those with some, which each pick steps over).
    @Test(arguments: [1, 2, 5])
    func aSpreadReadInHalvesIsTheSpreadReadWhole(_ every: Int) throws {
        try Self.index.read { db in
            let query = try SearchQuery(parsing: "推进")
            let whole = try QueryCompiler.compile(query, db)
            let ranges = try #require(whole.ranges)
            let match = try #require(whole.tiers.first?.match)
            let matches: CompiledQuery.SpreadMatches = { report, db, body in
                guard let i = ranges.range(ofReport: report), i % every == 0 else { return }
                let ids = ranges.ids(ofRange: i)
                for id in try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?
                    """, arguments: [match, ids.lowerBound, ids.upperBound - 1]) where try !body(id) { return }
            }
            // Every sampled passage, best first.
            let alone = try whole.rankedFromSpread(db, wanted: .max, ranges: ranges, matches: matches)
            #expect(alone.count >= 30 / every * 4)
            let halved = try QueryCompiler.compile(query, db, secondReader: Self.always)
                .rankedFromSpread(db, wanted: .max, ranges: ranges, matches: matches)
            #expect(halved.map(\.passageID) == alone.map(\.passageID) && halved.map(\.rank) == alone.map(\.rank))
        }
    }

    /// With reports enough for the picks to lie apart, the upper half read by the second
    /// connection is kept: none of its reports is read again by the query's.
    @Test func aSpreadOfDistantPicksKeepsTheSecondConnectionsHalf() throws {
        let folder = try temporaryFolder("second-reader-spread")
        var files: [String: Data] = [:]
        for report in 0..<250 {
            files["单位\(report)_2024_总结.txt"] = Data((0..<4).map { "第\(report)号第\($0)项，推进工作。" }.joined(separator: "\n").utf8)
        }
        try write(files, in: folder)
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)
        let reader = SecondReader(url: url, limit: 1, halvedPast: 0)
        try index.read { db in
            let query = try SearchQuery(parsing: "推进")
            let whole = try QueryCompiler.compile(query, db)
            let ranges = try #require(whole.ranges)
            let match = try #require(whole.tiers.first?.match)
            let mine = ObjectIdentifier(db)
            let reads = Mutex<[(report: Int64, here: Bool)]>([])
            let matches: CompiledQuery.SpreadMatches = { report, db, body in
                reads.withLock { $0.append((report, ObjectIdentifier(db) == mine)) }
                guard let i = ranges.range(ofReport: report) else { return }
                let ids = ranges.ids(ofRange: i)
                for id in try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?
                    """, arguments: [match, ids.lowerBound, ids.upperBound - 1]) where try !body(id) { return }
            }
            let alone = try whole.rankedFromSpread(db, wanted: .max, ranges: ranges, matches: matches)
            reads.withLock { $0.removeAll() }
            let halved = try QueryCompiler.compile(query, db, secondReader: reader)
                .rankedFromSpread(db, wanted: .max, ranges: ranges, matches: matches)
            #expect(halved.map(\.passageID) == alone.map(\.passageID) && alone.count == 50 * 4)
            let read = reads.withLock { $0 }
            let elsewhere = Set(read.filter { !$0.here }.map(\.report))
            let here = Set(read.filter(\.here).map(\.report))
            #expect(elsewhere.count == 25 && here.count == 25 && here.isDisjoint(with: elsewhere))
        }
    }

    /// A term's estimated passages, counted in stretches of the index, are the same when the
    /// upper stretches are counted by the second connection.
    @Test(arguments: ["人民代表 推进", "县级以上 人民代表", "推进工作 县级以上"])
    func anEstimateCountedInHalvesIsTheEstimateCountedWhole(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let whole = try QueryCompiler.compile(query, db)
            let halved = try QueryCompiler.compile(query, db, secondReader: Self.always)
            for plan in whole.highlightPlans {
                let alone = try #require(try whole.estimatedPassages(holding: plan, atLeast: 0, db))
                #expect(alone > 0, "\(plan.folded)")
                #expect(try halved.estimatedPassages(holding: plan, atLeast: 0, db) == alone, "\(plan.folded)")
            }
        }
    }

    @Test func aQueryBelowTheBoundWalksAlone() throws {
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1, halvedPast: 1_000)
        try Self.index.read { db in
            // 乡村振兴: 180 passages hold 乡; 人民代表: 600 hold 代.
            for (text, halved) in [("乡村振兴", false), ("人民代表", false), ("推进工作", true)] {
                let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db, secondReader: reader)
                let match = try #require(compiled.tiers.first?.match)
                let ranges = try #require(compiled.ranges)
                let ids = try compiled.rowIDsInHalves(match: match, db, ranges: ranges)
                #expect((ids != nil) == halved, "\(text)")
            }
            // A prefix (one character) is never halved: FTS5 merges its doclists whole for any range.
            let prefix = try QueryCompiler.compile(try SearchQuery(parsing: "推"), db, secondReader: Self.always)
            let match = try #require(prefix.tiers.first?.match)
            let ranges = try #require(prefix.ranges)
            #expect(try prefix.rowIDsInHalves(match: match, db, ranges: ranges) == nil)
        }
    }

    /// A scored walk in halves reads every row, in order, and the best `k` with the scores of
    /// one pass; each half scores at most `cap` + 1 rows and reads the rest as rowids.
    @Test(arguments: [(0, 10), (5, 10), (40, 100), (599, 100), (100_000, 10), (100_000, 1_000)])
    func aScoredWalkInHalvesReadsEveryRowAndTheBest(_ cap: Int, _ k: Int) throws {
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"人民代表\""), db, secondReader: Self.always)
            let match = try #require(compiled.tiers.first?.match)
            let ranges = try #require(compiled.ranges)
            let rows = try compiled.scoredRows(score: "\(TermFrequencyRank.name)(passages_fts)", idfs: nil,
                                               match: match, k: k, scoredAtMost: cap, db, ranges: ranges)
            let whole = try CompiledQuery.rowIDs(of: match, in: Int64.min...Int64.max, db)
            #expect(whole.count == 600)
            #expect(rows.ids == whole)
            let pass = try Row.fetchAll(db, sql: "SELECT rowid, \(TermFrequencyRank.name)(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?",
                                        arguments: [match]).map { (id: $0[0] as Int64, rank: $0[1] as Double) }
            if cap >= 599 {
                // Each half holds fewer rows than the cap: every row scored.
                #expect(rows.scored == whole.count)
                let best = Array(pass.sorted(by: ScoredRowList.isBetter).prefix(k))
                #expect(rows.best.map(\.id) == best.map(\.id))
                #expect(rows.best.map(\.rank) == best.map(\.rank))
            } else {
                // Two halves, each scoring its first `cap` + 1 rows.
                #expect(rows.scored == 2 * (cap + 1))
                let ranks = Dictionary(uniqueKeysWithValues: pass.map { ($0.id, $0.rank) })
                #expect(rows.best.count == min(k, rows.scored))
                for row in rows.best { #expect(row.rank == ranks[row.id]) }
            }
        }
    }

    /// A page's best matches read in two halves at once (``CompiledQuery/matches(_:_:hydrator:)``,
    /// the upper half on the second connection) are those read whole, in the order chosen: the
    /// same passages, ranks, lines, sections, texts folded and pages; a page of hits shows
    /// each passage's page.
    @Test func aPagesBestMatchesReadInHalvesAreThoseReadWhole() throws {
        let folder = try temporaryFolder("second-reader-matches")
        var files: [String: Data] = [:]
        for report in 0..<4 {
            let lines = ["一、总体情况"] + (0..<30).map { "第\(report)号第\($0)项，推进工作，人民代表大会审议。" }
            files["单位\(report)_2024_工作总结.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try write(files, in: folder)
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)
        // Pages as a scanned file has them, and passages without one.
        try index.write { db in
            try db.execute(sql: "UPDATE passages SET page = CASE WHEN id % 4 = 0 THEN NULL ELSE id % 7 + 1 END")
        }
        let reader = SecondReader(url: url, limit: 1, halvedPast: 0)
        try index.read { db in
            let query = try SearchQuery(parsing: "\"人民代表\"")
            let whole = try QueryCompiler.compile(query, db)
            let ids = Array(try CompiledQuery.rowIDs(of: try #require(whole.tiers.first?.match), in: Int64.min...Int64.max, db))
            #expect(ids.count == 120 && ids.count >= CompiledQuery.candidatesHalvedFrom)
            // Best first, not in rowid order.
            let chosen = ids.reversed().enumerated().map { (id: $1, rank: Double($0) / 8) }
            var pages: [Int64: Int?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, page FROM passages") { pages[row[0]] = .some(row[1]) }
            let alone = try whole.matches(chosen, db, hydrator: HitHydrator(db: db, plans: whole.highlightPlans))
            #expect(alone.map(\.passageID) == chosen.map(\.id) && alone.map(\.rank) == chosen.map(\.rank))
            #expect(alone.allSatisfy { $0.folded?.scalars == FoldedText($0.text).scalars && $0.text.contains("人民代表") })
            #expect(alone.allSatisfy { $0.page == .some(pages[$0.passageID]!) })
            #expect(alone.contains { $0.page == .some(nil) } && alone.contains { $0.page == .some(3) })

            let before = reader.partsRead
            let halved = try QueryCompiler.compile(query, db, secondReader: reader)
            let read = try halved.matches(chosen, db, hydrator: HitHydrator(db: db, plans: whole.highlightPlans))
            #expect(reader.partsRead == before + 1, "the upper half read on the second connection")
            #expect(read.map(\.passageID) == alone.map(\.passageID) && read.map(\.rank) == alone.map(\.rank))
            #expect(read.map(\.line) == alone.map(\.line) && read.map(\.sectionID) == alone.map(\.sectionID))
            #expect(read.map(\.text) == alone.map(\.text) && read.map(\.page) == alone.map(\.page))
            #expect(read.map { $0.folded?.scalars } == alone.map { $0.folded?.scalars })

            // A first page ranks 100 of the 120 through these reads: each hit shows its passage's page.
            let results = try Searcher(index: index).results(halved, db, limit: 10, offset: 0, context: 0,
                                                             perReport: 3, ranking: .full)
            #expect(results.hits.count == 10 && results.totalHits == 120)
            for hit in results.hits {
                let page = try Int.fetchOne(db, sql: """
                    SELECT p.page FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.path = ? AND p.line = ?
                    """, arguments: [hit.path, hit.line])
                #expect(hit.page == page, "\(hit.path):\(hit.line)")
            }
            #expect(results.hits.contains { $0.page != nil })
        }
    }

    @Test func aConnectionSeeingAnotherIndexReadsNothing() throws {
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        let same = try #require(reader.start(sameAs: id) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") })
        #expect(same.wait() == 30 * 60)
        let other = try #require(reader.start(sameAs: id + "-old") { _ in 1 })
        #expect(other.wait() == nil)
    }

    @Test func aWriteBetweenTheTwoReadsLeavesTheWalkToTheQuery() throws {
        let folder = try temporaryFolder("second-reader-write")
        try write(["单位_2024_总结.txt": Data("推进工作，人民代表大会。\n推进工作。\n".utf8)], in: folder)
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)
        let reader = SecondReader(url: url, limit: 1)
        let id = try #require(try index.read { try ReportRanges.storedID($0) })
        try write(["单位_2025_总结.txt": Data("推进工作。\n".utf8)], in: folder)
        _ = try Indexer.index(folder: folder, into: url)
        let part = try #require(reader.start(sameAs: id) { _ in 1 })
        #expect(part.wait() == nil)
    }

    @Test func busyConnectionsAreNotWaitedFor() throws {
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        let release = DispatchSemaphore(value: 0)
        let first = try #require(reader.start(sameAs: id) { _ in release.wait(); return 1 })
        #expect(reader.start(sameAs: id) { _ in 2 } == nil)
        release.signal()
        #expect(first.wait() == 1)
        // Free again once the first is read.
        let again = try #require(reader.start(sameAs: id) { _ in 3 })
        #expect(again.wait() == 3)
    }

    /// With as many queries reading as there are cores, a query reads its parts itself.
    @Test func noPartStartsWhileTheQueriesFillTheCores() throws {
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        reader.reading {
            #expect(reader.start(sameAs: id) { _ in 1 }?.wait() == 1)  // one query: a core is free
            reader.reading {
                #expect(reader.start(sameAs: id) { _ in 2 } == nil)  // two queries, two cores
            }
            #expect(reader.start(sameAs: id) { _ in 3 }?.wait() == 3)
        }
        // A query of the index is counted while it reads, and a read while it waits to start.
        #expect(Self.index.secondReader.queriesReading == 0)
        try Self.index.read { _ in #expect(Self.index.secondReader.queriesReading == 1) }
        Self.index.readQueued(true)
        try Self.index.read { _ in #expect(Self.index.secondReader.queriesReading == 2) }
        Self.index.readQueued(false)
        #expect(Self.index.secondReader.queriesReading == 0)
    }

    @Test func aConnectionThatCannotOpenIsNotTriedAgain() throws {
        let reader = SecondReader(url: try temporaryFolder("second-reader-missing").appendingPathComponent("none.sqlite"), limit: 1)
        let part = try #require(reader.start(sameAs: "any") { _ in 1 })
        #expect(part.wait() == nil)
        #expect(reader.start(sameAs: "any") { _ in 1 } == nil)
        // On one core there is no second connection.
        #expect(SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 0).start(sameAs: "any") { _ in 1 } == nil)
    }

    /// Regression: parts were read on dispatch's global queue, whose threads a server's reads can
    /// all hold; a part then waited for dispatch to add a thread (about a second each).
    @Test func aPartStartsWhileDispatchsThreadsAreAllBusy() throws {
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        let release = DispatchSemaphore(value: 0)
        let blockers = ProcessInfo.processInfo.activeProcessorCount + 8
        for _ in 0..<blockers {
            DispatchQueue.global(qos: .userInitiated).async { release.wait() }
        }
        defer { for _ in 0..<blockers { release.signal() } }
        let start = ContinuousClock.now
        let part = try #require(reader.start(sameAs: id) { _ in 7 })
        #expect(part.wait() == 7)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func aPartThatFailsIsLeftToTheQuery() throws {
        let id = try #require(try Self.index.read { try ReportRanges.storedID($0) })
        let reader = SecondReader(url: Self.folder.appendingPathComponent("index.sqlite"), limit: 1)
        let failing = try #require(reader.start(sameAs: id) { db in try Int.fetchOne(db, sql: "SELECT * FROM nowhere") })
        #expect(failing.wait() == nil)
        // The connection reads again.
        let next = try #require(reader.start(sameAs: id) { _ in 2 })
        #expect(next.wait() == 2)
    }
}
