import ArgumentParser
import BaogaoKit
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a folder of reports (.txt .md .docx .pdf .html .csv .jsonl, scans).",
        discussion: """
            Only new and changed files are read again; removed files leave the index.
            Text may be UTF-8, UTF-16 or GBK; PDFs need pdftotext (poppler-utils).
            Scanned PDF pages and images (.png .jpg .tif .bmp .webp) are read with OCR
            when Tesseract is installed (tesseract-ocr tesseract-ocr-chi-sim); its text
            is cached beside the index (INDEX-ocr), so a scan is read only once.
            A .csv/.jsonl file holds one report per row, shown as file.csv#ROW; its
            text, unit, year and title columns are found by name, or set with --column.
            metadata.csv at the folder's root (path,unit,year,title) corrects metadata;
            units.csv (alias,unit) names the units that go by several names.
            Progress shows on a terminal; --progress prints it as lines elsewhere.
            --only PATH (repeatable: files or subfolders, relative to the folder or
            absolute inside it) compares only those paths with the index and leaves the
            rest unscanned: a report added, changed or deleted in a large archive.
            """
    )

    @Argument(help: ArgumentHelp("The folder of reports.", valueName: "folder"))
    var folder: String = IndexLocation.defaultFolder

    @OptionGroup var location: IndexLocation

    @Flag(help: "Build the index from scratch.")
    var rebuild = false

    @Option(name: .customLong("column"), help: ArgumentHelp(
        "Which column of .csv/.jsonl collections holds a field: text=COLUMN, unit=COLUMN, year=COLUMN or title=COLUMN (repeatable).",
        valueName: "field=column"))
    var columns: [String] = []

    @Option(help: ArgumentHelp("Read scans with OCR: auto (when Tesseract is installed) or never.", valueName: "auto|never"))
    var ocr: OCRMode = .auto

    @Flag(help: "Print progress lines on stderr even when it is not a terminal.")
    var progress = false

    @Flag(name: .shortAndLong, help: "Print only errors and skipped files.")
    var quiet = false

    @Option(help: ArgumentHelp("Only this file or subfolder of the folder (repeatable): new, changed and deleted reports there; the rest of the index is left as it is.",
                               valueName: "path"))
    var only: [String] = []

    func validate() throws {
        if rebuild && !only.isEmpty { throw ValidationError("--only updates part of an index; --rebuild builds all of it") }
    }

    func run() throws {
        var options = IndexOptions(rebuild: rebuild)
        options.ocr = ocr
        if !only.isEmpty { options.only = only }
        if !columns.isEmpty { options.columns = try ColumnMapping(columns) }
        let display = ProgressDisplay(mode: .choose(quiet: quiet, progress: progress))
        if display.mode != .off { options.progress = { display.show($0) } }

        let summary = try Indexer.index(folder: URL(fileURLWithPath: folder), into: location.url, options: options)
        for skipped in summary.skipped {
            Terminal.warn("skipped \(joined(skipped.path)): \(skipped.reason)")
        }
        guard !quiet else { return }
        if let why = summary.rebuiltBecause {
            print("rebuilt the index (\(why))")
        }
        if summary.filledHeadings {
            print("added the index of section headings that section: filters read (once)")
        }
        if let why = summary.rereadBecause {
            print("read every report again: \(why)")
        }
        if let why = summary.rederivedBecause {
            print("derived metadata again from the index (\(why)): \(summary.rederived) report\(summary.rederived == 1 ? "" : "s") changed")
        }
        print("indexed \(folder) into \(location.url.relativePath)")
        print("  \(summary.reports) reports, \(summary.passages) passages")
        print("  added \(summary.added), updated \(summary.updated), removed \(summary.removed), "
              + "unchanged \(summary.unchanged), skipped \(summary.skipped.count)")
        if !only.isEmpty {
            print("  only \(only.count == 1 ? "the path" : "the \(only.count) paths") given compared (--only); "
                  + "the rest of the folder waits for a run without it")
        }
        var missing = "  without a unit \(summary.withoutUnit), without a year \(summary.withoutYear)"
        if summary.withoutUnit + summary.withoutYear > 0 { missing += " (`baogao reports --missing` lists them)" }
        print(missing)
        for remark in summary.remarks {
            print("  note: \(joined(remark.path)): \(remark.reason)")
        }
        print(String(format: "  %.2f seconds, %.1f MB read (%.1f MB/s)",
                     summary.seconds, Double(summary.bytesRead) / 1e6, summary.megabytesPerSecond))
        if summary.ocrPages + summary.ocrCachedPages > 0 {
            let perPage = summary.ocrPages > 0 ? summary.ocrSeconds / Double(summary.ocrPages) : 0
            print("  OCR: \(summary.ocrPages) page\(summary.ocrPages == 1 ? "" : "s") read, "
                  + String(format: "%.1f s of work (%.1f s a page), ", summary.ocrSeconds, perPage)
                  + "\(summary.ocrCachedPages) from the cache")
        }
    }

    private func joined(_ path: String) -> String {
        (folder as NSString).appendingPathComponent(path)
    }
}

extension OCRMode: ExpressibleByArgument {}
