import ArgumentParser
import BaogaoKit
import Foundation

/// `baogao check`: is the index sound, and which files changed since it was built.
///
/// ```
/// $ baogao check --index ~/reports.sqlite
/// checking /home/me/reports.sqlite: 812 reports, 40,113 passages from /home/me/reports
///   ok       SQLite integrity
///   …
/// ```
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an index is sound and up to date with its folder.",
        discussion: """
            Runs SQLite's integrity check and FTS5's, checks that passages, sections and
            reports agree and that the index was built by this version, then lists the
            files new, changed or deleted since indexing (`baogao index` catches up).
            `baogao index --rebuild` repairs any problem found.

            Exit status: 0 sound (changed files do not count), 1 problems found,
            2 could not check (no index, not an index, or being updated).
            """
    )

    @OptionGroup var location: IndexLocation

    @Flag(help: "Read every file and compare its content, not only its size and time.")
    var hashes = false

    func run() throws {
        let url = location.url
        let check = try IndexChecker.check(url, hashes: hashes)
        var out = "checking \(url.relativePath)"
        if check.reports > 0 || check.folder != nil {
            out += ": \(check.reports) reports, \(check.passages) passages"
            if let folder = check.folder { out += " from \(Terminal.display(folder, root: nil))" }
        }
        out += "\n"
        for result in check.results {
            if let why = result.skipped {
                out += "  skipped  \(result.name): \(why)\n"
            } else if result.problems.isEmpty {
                out += "  ok       \(result.name)\(result.name == "versions" ? versions(check) : "")\n"
            } else {
                for problem in result.problems { out += "  PROBLEM  \(result.name): \(problem)\n" }
            }
        }
        if check.folderMissing, let folder = check.folder {
            out += "  the folder \(folder) is gone: files were not compared\n"
        } else if check.folder != nil {
            if check.changes.isEmpty {
                out += "  ok       files on disk match the index\n"
            } else {
                let count = check.changes.count
                out += "  \(count) file\(count == 1 ? "" : "s") changed since indexing (`baogao index` catches up):\n"
                for change in check.changes.prefix(50) {
                    out += "    \(change.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(change.path)\n"
                }
                if count > 50 { out += "    … and \(count - 50) more\n" }
            }
        }
        if check.isClean {
            out += "the index is sound\n"
        } else {
            out += "problems found: run `baogao index --rebuild\(location.isDefault ? "" : " --index \(url.relativePath)")` to repair the index\n"
        }
        Output.write(out)
        if !check.isClean { throw ExitCode(1) }
    }

    private func versions(_ check: IndexCheck) -> String {
        " (schema \(check.schemaVersion ?? "?"), tokenizer \(check.tokenizerVersion ?? "?"))"
    }
}
