import ArgumentParser
import BaogaoKit
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a folder of reports (.txt, .md; UTF-8, UTF-16 or GBK).",
        discussion: "Only new and changed files are read again; removed files leave the index."
    )

    @Argument(help: ArgumentHelp("The folder of reports.", valueName: "folder"))
    var folder: String = IndexLocation.defaultFolder

    @OptionGroup var location: IndexLocation

    @Flag(help: "Build the index from scratch.")
    var rebuild = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func run() throws {
        let summary = try Indexer.index(folder: URL(fileURLWithPath: folder), into: location.url, rebuild: rebuild)
        for skipped in summary.skipped {
            Terminal.warn("skipped \(joined(skipped.path)): \(skipped.reason)")
        }
        guard !quiet else { return }
        if let why = summary.rebuiltBecause {
            print("rebuilt the index (\(why))")
        }
        print("indexed \(folder) into \(location.url.relativePath)")
        print("  \(summary.reports) reports, \(summary.passages) passages")
        print("  added \(summary.added), updated \(summary.updated), removed \(summary.removed), "
              + "unchanged \(summary.unchanged), skipped \(summary.skipped.count)")
        for remark in summary.remarks {
            print("  note: \(joined(remark.path)): \(remark.reason)")
        }
        print("  \(String(format: "%.2f", summary.seconds)) seconds")
    }

    private func joined(_ path: String) -> String {
        (folder as NSString).appendingPathComponent(path)
    }
}
