import Foundation
import Testing
@testable import BaogaoKit

/// `baogao index` killed with SIGKILL at random (seeded) moments — in a rebuild, in an update
/// that edits, adds and deletes files — leaves an index that opens, passes `baogao check` and
/// answers searches; the next run converges to exactly what a clean build holds.
///
/// BAOGAO_CRASH_SEED picks other moments, BAOGAO_CRASH_KILLS asks for more kills.
@Suite(.serialized)
struct CrashSafetyTests {
    static let queries = ["乡村振兴", "营商环境 数字政府", "水污染防治", "第12项工作", "党建引领 -安全生产"]

    struct Clean {
        var dump: IndexDump
        var hits: [[String]]
        var seconds: Double
    }

    func index(_ folder: URL, into index: URL, _ extra: [String] = []) throws -> (ChildProcess.Exit, Double) {
        let started = Date()
        let child = try ChildProcess(["index", folder.path, "--index", index.path, "--quiet"] + extra)
        let exit = child.wait(atMost: 120)
        return (exit, Date().timeIntervalSince(started))
    }

    func clean(_ reports: GeneratedReports, version: Int, folder: URL, root: URL) throws -> Clean {
        try reports.materialize(version: version, in: folder)
        let url = root.appendingPathComponent("clean\(version).sqlite")
        let (exit, seconds) = try index(folder, into: url)
        #expect(exit.status == 0, "\(exit.stderr)")
        return Clean(dump: try IndexDump(url), hits: try Self.queries.map { try rankedHits($0, in: url) }, seconds: seconds)
    }

    // A first build writes its FTS5 index on a thread of its own into INDEX-fts: killed at
    // random moments, it leaves that file behind, which the next run removes before it ends
    // with exactly a clean build's reports, passages and hits.
    @Test func killedFirstBuildsLeaveNoScratchFileBehindTheNextRun() throws {
        let env = ProcessInfo.processInfo.environment
        var rng = SeededGenerator(seed: (UInt64(env["BAOGAO_CRASH_SEED"] ?? "") ?? 20261129) &+ 1)
        let root = try temporaryFolder("baogao-crash-first")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        let scratch = index.path + "-fts"
        let expected = try clean(GeneratedReports(count: 320, seed: 11), version: 1, folder: folder, root: root)

        var kills = 0, runs = 0, scratchLeft = 0
        while kills < 3, runs < 9 {
            runs += 1
            for suffix in ["", "-wal", "-shm", "-fts"] { try? FileManager.default.removeItem(atPath: index.path + suffix) }
            let delay = Double.random(in: 0.1...max(0.15, expected.seconds * 0.9), using: &rng)
            let child = try ChildProcess(["index", folder.path, "--index", index.path, "--quiet"])
            usleep(UInt32(delay * 1e6))
            _ = child.kill()
            let exit = child.wait()
            if exit.signal != nil {
                kills += 1
                if FileManager.default.fileExists(atPath: scratch) { scratchLeft += 1 }
            } else {
                #expect(exit.status == 0, "\(exit.stderr)")
            }

            let (finish, _) = try self.index(folder, into: index)
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch))
            #expect(try IndexDump(index) == expected.dump)
            #expect(try Self.queries.map { try rankedHits($0, in: index) } == expected.hits)
            let check = try CLIRunner.run(["check", "--index", index.path], in: root)
            #expect(check.stdout.contains("the index is sound"), "\(check.stdout)\(check.stderr)")
        }
        #expect(kills >= 2, "only \(kills) of \(runs) first builds were still running when killed")
        #expect(scratchLeft >= 1, "no killed build left its scratch file: none wrote its FTS5 index on a thread")
    }

    @Test func killedRunsLeaveASoundIndexThatConvergesToACleanBuild() throws {
        let env = ProcessInfo.processInfo.environment
        let wantedKills = Int(env["BAOGAO_CRASH_KILLS"] ?? "") ?? 10
        var rng = SeededGenerator(seed: UInt64(env["BAOGAO_CRASH_SEED"] ?? "") ?? 20261129)
        let root = try temporaryFolder("baogao-crash")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        let reports = GeneratedReports(count: 320, seed: 11)

        let clean2 = try clean(reports, version: 2, folder: folder, root: root)
        let clean1 = try clean(reports, version: 1, folder: folder, root: root)
        #expect(clean1.seconds > 0.8, "indexing should take a second or so to leave room for kills")
        #expect(clean1.dump.passages.count > 10_000)
        // How long an update from one version to the other takes.
        try FileManager.default.copyItem(at: root.appendingPathComponent("clean1.sqlite"), to: index)
        try reports.materialize(version: 2, in: folder)
        let (_, updateSeconds) = try self.index(folder, into: index)
        var version = 2

        var kills = 0
        var runs = 0
        var moments: [String] = []
        while kills < wantedKills, runs < wantedKills * 3 {
            runs += 1
            // Every third run rebuilds from scratch; the others update to the other version.
            let rebuild = runs % 3 == 0
            if !rebuild {
                version = 3 - version
                try reports.materialize(version: version, in: folder)
            }
            let expected = version == 1 ? clean1 : clean2
            let span = rebuild ? clean1.seconds : updateSeconds
            let delay = Double.random(in: 0.02...max(0.05, span * 0.9), using: &rng)

            let child = try ChildProcess(["index", folder.path, "--index", index.path, "--quiet"] + (rebuild ? ["--rebuild"] : []))
            usleep(UInt32(delay * 1e6))
            _ = child.kill()
            let exit = child.wait()
            // Killed or not is what the exit says: a run that ends between the check that it
            // still runs and the signal takes the signal without effect (a loaded machine).
            if let signal = exit.signal {
                kills += 1
                moments.append(String(format: "%@ %.2fs", rebuild ? "rebuild" : "update", delay))
                #expect(signal == SIGKILL)
            } else {
                #expect(exit.status == 0, "\(exit.stderr)")
            }

            // The index opens, is sound, and answers.
            let check = try CLIRunner.run(["check", "--index", index.path], in: root)
            #expect(check.status == 0, "after \(moments.last ?? "a finished run"): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("the index is sound"))
            for query in ["营商环境 -数字政府"] {
                let search = try CLIRunner.run(["search", query, "--index", index.path], in: root)
                #expect(search.status == 0 || search.status == 1, "\(search.stderr)")
                #expect(search.stderr.isEmpty, "\(search.stderr)")
            }

            // The next run finishes the work: exactly a clean build's reports, passages and hits.
            let (finish, _) = try self.index(folder, into: index)
            #expect(finish.status == 0, "\(finish.stderr)")
            #expect(!finish.stderr.contains("being updated"), "a killed writer left its lock behind")
            let dump = try IndexDump(index)
            #expect(dump.files == expected.dump.files)
            #expect(dump.reports == expected.dump.reports)
            #expect(dump.passages.count == expected.dump.passages.count)
            #expect(dump.passages == expected.dump.passages)
            #expect(try Self.queries.map { try rankedHits($0, in: index) } == expected.hits)
        }
        print("crash safety: \(kills) kills in \(runs) runs (\(String(format: "%.2f", clean1.seconds)) s per build, "
              + "\(String(format: "%.2f", updateSeconds)) s per update): \(moments.joined(separator: ", "))")
        #expect(kills >= min(10, wantedKills), "only \(kills) of \(runs) runs were still running when killed")
    }
}
