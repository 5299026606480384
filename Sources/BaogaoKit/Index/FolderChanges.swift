/// What a run of `baogao index` must do: the files found in the folder compared with those the
/// index holds, both listed in the byte order of their paths (SQLite's order of `files.path`).
///
/// The two lists are walked side by side, so neither is held in a map: at 10 GB, a map of the
/// 546,000 files the index holds took 94 MB of a run with nothing to do.
///
/// ```swift
/// let changes = try FolderChanges(found: scan.files, force: { _ in false }) { try cursor.next() }
/// changes.toRead     // new files, and files whose size or time changed
/// changes.known      // what the index holds of those it knows, by position in toRead
/// changes.gone       // what the index holds of files no longer found
/// changes.unchanged  // files of the same size and time
/// ```
struct FolderChanges {
    /// Files to read: new ones and those whose size or time changed, or that `force` names; in
    /// the order found. When every file found is read (a first run), the very list found, not
    /// a copy of it.
    var toRead: FoundFiles
    /// What the index holds of the files of ``toRead`` it knows, by their position there.
    var known: [Int: Indexer.KnownFile] = [:]
    /// Files the index holds that are no longer found.
    var gone: [(path: String, file: Indexer.KnownFile)] = []
    /// Files of the same size and modification time as the index holds, not forced.
    var unchanged = 0
    /// How many files the index held among those listed by `known`.
    var knownCount = 0

    /// Compares `found` (sorted by ``FolderScanner/precedes(_:_:)``) with the files `known` returns one after
    /// the other, in the same order, until nil. `force`: nil when no file can be forced, so that
    /// an unchanged file is never made a ``FoundFile`` (a `String` of its path) to be asked.
    init(found: FoundFiles, force: ((FoundFile) -> Bool)?,
         known: () throws -> (path: String, file: Indexer.KnownFile)?) rethrows {
        var next = try known()
        var reading: [Int] = []  // positions in `found`
        for i in found.indices {
            let path = found.pathBytes(at: i)
            // Whatever the index holds before this file is gone from the folder.
            while let held = next, held.path.utf8.lexicographicallyPrecedes(path) {
                gone.append(held)
                knownCount += 1
                next = try known()
            }
            var old: Indexer.KnownFile?
            if let held = next, held.path.utf8.elementsEqual(path) {
                old = held.file
                knownCount += 1
                next = try known()
            }
            if let old, old.size == found.size(at: i), old.modified == found.modified(at: i),
               !(force?(found[i]) ?? false) {
                unchanged += 1
            } else {
                if let old { self.known[reading.count] = old }
                reading.append(i)
            }
        }
        while let held = next {
            gone.append(held)
            knownCount += 1
            next = try known()
        }
        toRead = reading.count == found.count ? found : found.subset(reading)
    }
}
