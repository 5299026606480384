import BaogaoSpawn
import Foundation
import Testing
@testable import BaogaoKit

/// A full disk and a read-only index: the run fails with a message naming the index and the
/// reason, rolls back its open transaction, and the index stays searchable and sound.
///
/// Both use real file systems: a tiny tmpfs that fills up (ENOSPC → SQLITE_FULL) and a
/// read-only bind mount (EROFS). File permissions cannot do it, since the tests run as root,
/// who writes through them. Mounting needs root and a sandbox that allows it; where it is not
/// allowed the tests say so and stop.
@Suite(.serialized)
struct WriteFailureTests {
    /// Runs mount/umount; false when not allowed here.
    static func mount(_ arguments: [String]) -> Bool {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: URL) {
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path.path]
        try? process.run()
        process.waitUntilExit()
    }

    @Test func aFullDiskRollsBackAndLeavesTheIndexSearchable() throws {
        let root = try temporaryFolder("baogao-disk-full")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let disk = root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard Self.mount(["-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.path]) else {
            print("cannot mount a tmpfs here (not root, or not allowed): disk-full test not run")
            return
        }
        defer { Self.unmount(disk) }
        let index = disk.appendingPathComponent("index.sqlite")
        let reports = GeneratedReports(count: 240, seed: 9)

        // A few reports fit; then many more do not.
        let all = reports.files(version: 1).sorted { $0.key < $1.key }
        try write(Dictionary(uniqueKeysWithValues: all.prefix(8).map { ($0.key, $0.value) }), in: folder)
        let first = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try rankedHits("乡村振兴", in: index)
        #expect(!before.isEmpty)

        try write(Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0.value) }), in: folder)
        let full = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(full.status == 2)
        #expect(full.stderr.contains("the disk holding \(index.path) is full"), "\(full.stderr)")
        #expect(!full.stderr.contains("SQLITE") && !full.stderr.contains("database or disk is full"), "\(full.stderr)")

        // Still searchable, still sound: what was committed before the disk filled stays, the
        // transaction that hit the full disk left nothing behind.
        let search = try CLIRunner.run(["search", "乡村振兴", "--index", index.path], in: root)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(Set(before).isSubset(of: Set(try rankedHits("乡村振兴", in: index))))
        let check = try CLIRunner.run(["check", "--index", index.path], in: root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // A rebuild on the full disk fails too, and must not throw the index away first.
        let rebuild = try CLIRunner.run(["index", folder.path, "--index", index.path, "--rebuild"], in: root)
        #expect(rebuild.status == 2)
        #expect(rebuild.stderr.contains("the disk holding \(index.path) is full"), "\(rebuild.stderr)")
        #expect(Set(before).isSubset(of: Set(try rankedHits("乡村振兴", in: index))))
        #expect(try CLIRunner.run(["check", "--index", index.path], in: root).status == 0)

        // With room again, the next run completes it.
        #expect(Self.mount(["-o", "remount,size=64m", disk.path]))
        let again = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(again.status == 0, "\(again.stderr)")
        let clean = root.appendingPathComponent("clean.sqlite")
        #expect(try CLIRunner.run(["index", folder.path, "--index", clean.path], in: root).status == 0)
        #expect(try IndexDump(index) == IndexDump(clean))
    }

    @Test func aReadOnlyIndexIsSearchedButNotUpdated() throws {
        let root = try temporaryFolder("baogao-read-only")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let place = root.appendingPathComponent("place")
        let index = place.appendingPathComponent("index.sqlite")
        try GeneratedReports(count: 10, seed: 4, paragraphs: 24).materialize(version: 1, in: folder)
        #expect(try CLIRunner.run(["index", folder.path, "--index", index.path], in: root).status == 0)
        let before = try IndexDump(index)

        guard Self.mount(["--bind", place.path, place.path]) else {
            print("cannot bind-mount here (not root, or not allowed): read-only test not run")
            return
        }
        defer { Self.unmount(place) }
        #expect(Self.mount(["-o", "remount,ro,bind", place.path]))

        try write("一、新增\n只读时新增的报告：乡村振兴。\n", to: folder.appendingPathComponent("new.txt"))
        let update = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(update.status == 2)
        #expect(update.stderr.contains("\(index.path) is on a read-only file system"), "\(update.stderr)")
        let rebuild = try CLIRunner.run(["index", folder.path, "--index", index.path, "--rebuild"], in: root)
        #expect(rebuild.status == 2)

        let search = try CLIRunner.run(["search", "乡村振兴", "--index", index.path], in: root)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(!search.stdout.contains("只读时新增"))
        let check = try CLIRunner.run(["check", "--index", index.path], in: root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("new      new.txt"), "\(check.stdout)")

        Self.unmount(place)
        #expect(try IndexDump(index) == before)
        let after = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try rankedHits("只读时新增", in: index) == ["new.txt:2"])
    }
}
