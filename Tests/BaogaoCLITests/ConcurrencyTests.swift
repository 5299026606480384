import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Searches while `baogao index` writes (WAL) see whole transactions and never fail; a second
/// writer waits, then refuses naming the first; `check` never runs beside a writer.
@Suite(.serialized)
struct ConcurrencyTests {
    /// A folder of generated reports and its index, built once.
    func prepared(_ name: String, count: Int = 200) throws -> (root: URL, folder: URL, index: URL, reports: GeneratedReports) {
        let root = try temporaryFolder(name)
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        let reports = GeneratedReports(count: count, seed: 5)
        try reports.materialize(version: 1, in: folder)
        let build = try ChildProcess(["index", folder.path, "--index", index.path, "--quiet"]).wait(atMost: 120)
        #expect(build.status == 0, "\(build.stderr)")
        return (root, folder, index, reports)
    }

    @Test func searchesDuringAnUpdateAndARebuildSeeConsistentSnapshotsAndNoErrors() throws {
        let (root, folder, index, reports) = try prepared("baogao-concurrent")
        defer { try? FileManager.default.removeItem(at: root) }
        let oldCount = reports.files(version: 1).count
        let newCount = reports.files(version: 2).count
        try reports.materialize(version: 2, in: folder)

        // An update commits a few MB at a time: readers see it advance, whole files only.
        let update = try reads(during: ["index", folder.path, "--index", index.path, "--quiet"], index: index, root: root)
        #expect(update.counts.count >= 2, "the reads should have seen the update advance: \(update.counts.sorted())")
        #expect(update.counts.allSatisfy { (min(oldCount, newCount) - 40...max(oldCount, newCount) + 40).contains($0) })

        // A rebuild is one transaction: readers see the old index, then the new, never between.
        try reports.materialize(version: 1, in: folder)
        let rebuild = try reads(during: ["index", folder.path, "--index", index.path, "--rebuild", "--quiet"], index: index, root: root)
        #expect(rebuild.counts.isSubset(of: [newCount, oldCount]), "\(rebuild.counts.sorted())")
        #expect(rebuild.counts.contains(newCount), "no read saw the index before the rebuild committed")
        #expect(try IndexDatabase.open(at: index).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM reports") } == oldCount)
        print("concurrency: \(update.snapshots) snapshots during an update (report counts \(update.counts.sorted().prefix(6))…), "
              + "\(rebuild.snapshots) during a rebuild (\(rebuild.counts.sorted())), "
              + "\(update.processes + rebuild.processes) search processes, no errors")
    }

    /// Runs `baogao arguments` and reads the index over and over until it ends: each read one
    /// snapshot, checked whole; plus a few `baogao search` processes. Returns the report counts seen.
    ///
    /// The writer runs in slices of `slice` seconds and is stopped (SIGSTOP) while the index is
    /// read, wherever it stands (between commits or inside one), so that the reads follow the
    /// writer's progress however the machine's cores are shared: a loaded machine slows the
    /// writer's slices, not the number of reads (it once left two reads for a whole rebuild).
    /// A read still going after a second (reads take 40–100 ms alone) may be waiting on a lock
    /// the writer holds (its checkpoint as it closes the file, which a reader opening the file
    /// waits for): the writer then goes on in slices, and after three seconds freely, until the
    /// read ends (``Pulses``). Letting it run freely after a second left 4 reads for an update
    /// when the whole suite ran; a slice a second, once, a reader's 5 s busy timeout.
    func reads(during arguments: [String], index: URL, root: URL, slice: TimeInterval = 0.02) throws -> (counts: Set<Int>, snapshots: Int, processes: Int) {
        let plan = try #require(TermPlan("乡村振兴"))
        let writer = try ChildProcess(arguments)
        defer { writer.kill(SIGCONT) }

        var snapshots = 0
        var searches = 0
        var processes = 0
        var problems: [String] = []
        var reportCounts = Set<Int>()
        var searchers: [ChildProcess] = []
        var running = writer.stop()
        while running {
            let pulses = Pulses(writer.pid, slice: slice, patience: 1)
            do {
                // One read transaction: every report's passages are all there or none are,
                // and every full-text hit has its passage.
                let database = try IndexDatabase.open(at: index)
                let (reports, mismatched, orphans) = try database.read { db in
                    let reports = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0
                    let mismatched = try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM reports r
                        WHERE passage_count != (SELECT count(*) FROM passages WHERE report_id = r.id)
                        """) ?? 0
                    let orphans = try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM passages_fts f LEFT JOIN passages p ON p.id = f.rowid
                        WHERE passages_fts MATCH ? AND p.id IS NULL
                        """, arguments: [plan.matchExpression]) ?? 0
                    return (reports, mismatched, orphans)
                }
                snapshots += 1
                reportCounts.insert(reports)
                if mismatched > 0 { problems.append("\(mismatched) reports whose passages were half there") }
                if orphans > 0 { problems.append("\(orphans) full-text hits without a passage") }
                // A whole search, and the counts of `units`, over the same snapshot each.
                let results = try Searcher(index: database).search(try SearchQuery(parsing: "乡村振兴 营商环境"), limit: 20)
                #expect(results.hits.count <= 20)
                _ = try Aggregator(index: database).aggregate(try SearchQuery(parsing: "乡村振兴"), by: .unit)
                searches += 1
            } catch {
                problems.append("\(error)")
            }
            pulses.end()
            if searchers.count < 6, searchers.allSatisfy({ $0.poll() != nil }) {
                searchers.append(try ChildProcess(["search", "营商环境", "--index", index.path, "--json"]))
            }
            running = writer.run(for: slice)
        }
        for search in searchers {
            let exit = search.wait()
            processes += 1
            if exit.status == 2 || !exit.stderr.isEmpty { problems.append("search process: \(exit.stderr)") }
        }
        let exit = writer.wait()
        #expect(exit.status == 0, "\(exit.stderr)")
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(snapshots >= 5, "only \(snapshots) reads while the index was written")
        #expect(searches == snapshots)
        return (reportCounts, snapshots, processes)
    }

    /// While a read goes on past `patience` seconds, lets a stopped writer go on for `slice`
    /// every tenth of `patience`, stopping it again after each slice, so that a lock it holds
    /// is let go without the writer getting far; past three times `patience` (the reader's
    /// busy timeout is 5 s) it lets it run until the read ends. It signals the process by its
    /// id: the ``ChildProcess`` stays with the test's thread.
    final class Pulses: @unchecked Sendable {
        private let lock = NSLock()
        private var reading = true
        private let ended = DispatchSemaphore(value: 0)

        init(_ pid: pid_t, slice: TimeInterval, patience: TimeInterval) {
            DispatchQueue.global().async { [self] in
                let started = Date()
                var pulsed = Date.distantPast
                while lock.withLock({ reading }) {
                    usleep(10_000)
                    let waited = Date().timeIntervalSince(started)
                    if waited >= 3 * patience {
                        kill(pid, SIGCONT)
                    } else if waited >= patience, Date().timeIntervalSince(pulsed) >= patience / 10 {
                        kill(pid, SIGCONT)
                        usleep(UInt32(slice * 1_000_000))
                        kill(pid, SIGSTOP)
                        pulsed = Date()
                    }
                }
                ended.signal()
            }
        }

        /// Ends the pulses (the caller stops the writer again).
        func end() {
            lock.withLock { reading = false }
            ended.wait()
        }
    }

    @Test func aSecondWriterWaitsThenRefusesNamingTheFirst() throws {
        let (root, folder, index, _) = try prepared("baogao-writers", count: 20)
        defer { try? FileManager.default.removeItem(at: root) }
        // This test process holds the lock, as a running `baogao index` would.
        let lock = try WriterLock.acquire(for: index)
        #expect(WriterLock.holder(of: index) == getpid())
        let started = Date()
        let second = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        let waited = Date().timeIntervalSince(started)
        #expect(second.status == 2)
        #expect(second.stderr.contains("index \(index.path) is being updated by process \(getpid())"), "\(second.stderr)")
        #expect(waited >= 2, "it should wait a little before refusing (waited \(waited) s)")
        let check = try CLIRunner.run(["check", "--index", index.path], in: root)
        #expect(check.status == 2 && check.stderr.contains("being updated by process \(getpid())"), "\(check.stderr)")
        // Searching goes on meanwhile.
        let search = try CLIRunner.run(["search", "乡村振兴", "--index", index.path], in: root)
        #expect(search.status == 0, "\(search.stderr)")

        lock.release()
        #expect(WriterLock.holder(of: index) == nil)
        let third = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(third.status == 0, "\(third.stderr)")
    }

    @Test func twoWritersAtOnceNeverInterleave() throws {
        let (root, folder, index, reports) = try prepared("baogao-two-writers")
        defer { try? FileManager.default.removeItem(at: root) }
        try reports.materialize(version: 2, in: folder)
        let clean = root.appendingPathComponent("clean.sqlite")
        #expect(try ChildProcess(["index", folder.path, "--index", clean.path, "--quiet"]).wait(atMost: 120).status == 0)

        let first = try ChildProcess(["index", folder.path, "--index", index.path, "--rebuild", "--quiet"])
        var waited = 0
        while WriterLock.holder(of: index) != first.pid, waited < 500, first.poll() == nil {
            usleep(10_000)
            waited += 1
        }
        let second = try ChildProcess(["index", folder.path, "--index", index.path, "--quiet"])
        let (a, b) = (first.wait(), second.wait())
        #expect(a.status == 0, "\(a.stderr)")
        // The second either waited for the first to finish, or refused naming it.
        if b.status != 0 {
            #expect(b.status == 2)
            #expect(b.stderr.contains("is being updated by process \(first.pid)"), "\(b.stderr)")
        }
        #expect(try IndexDump(index) == IndexDump(clean))
        let check = try CLIRunner.run(["check", "--index", index.path], in: root)
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func theDefaultIndexIsSearchedAsItStandsWhileBeingUpdated() throws {
        let root = try temporaryFolder("baogao-default-busy")
        defer { try? FileManager.default.removeItem(at: root) }
        try write("一、总体情况\n乡村振兴稳步推进。\n", to: root.appendingPathComponent("corpus/a.txt"))
        #expect(try CLIRunner.run(["search", "乡村振兴"], in: root).status == 0)
        try write("一、总体情况\n营商环境持续优化。\n", to: root.appendingPathComponent("corpus/b.txt"))
        let lock = try WriterLock.acquire(for: root.appendingPathComponent("index/baogao.sqlite"))
        defer { lock.release() }
        let search = try CLIRunner.run(["search", "乡村振兴"], in: root)
        #expect(search.status == 0)
        #expect(search.stderr.contains("is being updated by process \(getpid()): searching it as it stands"), "\(search.stderr)")
    }
}
