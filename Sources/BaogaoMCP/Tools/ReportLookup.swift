/// Finds the report a model means by a path: the stored path itself, or the unique stored path
/// ending with it (a file name alone will do); else a message naming the nearest paths, by
/// the character pairs their file names share. Reads nothing but the list it is given.
///
/// ```swift
/// ReportLookup.resolve("总结.txt", among: ["a/市XX办_2021_总结.txt"])  // .found("a/市XX办_2021_总结.txt")
/// ```
enum ReportLookup {
    enum Outcome: Equatable {
        case found(String)
        case notFound(String)
    }

    static func resolve(_ path: String, among paths: [String]) -> Outcome {
        if paths.contains(path) { return .found(path) }
        let wanted = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let ends = paths.filter { $0 == wanted || $0.hasSuffix("/" + wanted) || (wanted.hasSuffix("/" + $0)) }
        if ends.count == 1 { return .found(ends[0]) }
        if ends.count > 1 {
            let listed: String = ends.prefix(5).joined(separator: ", ")
            return .notFound("“\(path)” matches \(ends.count) indexed reports: \(listed); give the whole path")
        }
        let near = nearest(to: wanted, among: paths)
        var message = "no report at “\(path)” in the index: paths are as search hits and the reports tool give them"
        if !near.isEmpty { message += "; the nearest are " + near.joined(separator: ", ") }
        return .notFound(message)
    }

    /// Up to three paths whose file names share the most character pairs with `path`'s.
    static func nearest(to path: String, among paths: [String]) -> [String] {
        let wanted = pairs(fileName(path))
        guard !wanted.isEmpty else { return [] }
        let scored: [(path: String, shared: Int)] = paths.map { ($0, pairs(fileName($0)).intersection(wanted).count) }
        let ranked = scored.filter { $0.shared > 0 }.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.path < $1.path }
        return ranked.prefix(3).map(\.path)
    }

    private static func fileName(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }

    private static func pairs(_ text: Substring) -> Set<String> {
        let characters = Array(text.lowercased())
        guard characters.count > 1 else { return [] }
        return Set((1..<characters.count).map { String(characters[$0 - 1]) + String(characters[$0]) })
    }
}
