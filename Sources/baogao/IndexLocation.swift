import ArgumentParser
import BaogaoKit
import Foundation

/// The `--index` option shared by every command that reads or writes an index.
struct IndexLocation: ParsableArguments {
    static let defaultIndex = "index/baogao.sqlite"
    static let defaultFolder = "corpus"

    @Option(name: .long, help: ArgumentHelp("The index file.", valueName: "path"))
    var index: String?

    var url: URL { URL(fileURLWithPath: index ?? Self.defaultIndex) }
    var isDefault: Bool { index == nil }

    /// Opens the index for searching. The default index is built from corpus/ when missing
    /// and refreshed when files there changed. A command that searches once needs a single
    /// read-only connection; the server asks for a pool.
    func openForSearch(connections: IndexDatabase.Connections = .single) throws -> IndexDatabase {
        if isDefault {
            let corpus = URL(fileURLWithPath: Self.defaultFolder)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path), let writer = WriterLock.holder(of: url) {
                // Another process is updating it: search what is committed so far.
                Terminal.note("\(Self.defaultIndex) is being updated by process \(writer): searching it as it stands")
            } else if FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isFolder), isFolder.boolValue {
                let summary = try Indexer.index(folder: corpus, into: url)
                if summary.changedIndex {
                    Terminal.note("indexed \(Self.defaultFolder)/ into \(Self.defaultIndex): "
                                  + "\(summary.reports) reports, \(summary.passages) passages")
                    for skipped in summary.skipped {
                        Terminal.warn("skipped \(Self.defaultFolder)/\(skipped.path): \(skipped.reason)")
                    }
                }
            } else if !FileManager.default.fileExists(atPath: url.path) {
                throw BaogaoError("no index at \(Self.defaultIndex) and no \(Self.defaultFolder)/ folder to build it from: "
                                  + "run `baogao index FOLDER` or pass --index PATH")
            }
        }
        return try IndexDatabase.open(at: url, connections: connections)
    }
}
