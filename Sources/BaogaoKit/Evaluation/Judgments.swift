import Foundation

/// A judged query: what a user typed and how useful each passage is for it.
///
/// Read from `eval/judgments.jsonl`, one query per line:
/// ```json
/// {"id": "q01", "type": "phrase", "query": "万人助万企",
///  "judgments": [{"passage": "市XX办_2023_党建引领工作总结.txt:12", "grade": 2, "starts": "（二）深化“万人助万企”"}]}
/// ```
/// Grades: 2 = the passage is about it, 1 = it mentions it, 0 = not relevant (the default for
/// passages not judged).
public struct JudgedQuery: Sendable, Hashable, Codable {
    public struct Judgment: Sendable, Hashable, Codable {
        /// `FILE:LINE`, the file relative to the judged folder.
        public var passage: String
        public var grade: Int
        /// The first characters of the passage, to notice when the corpus changed under it.
        public var starts: String?
    }

    public var id: String
    public var type: String
    public var query: String
    public var judgments: [Judgment]

    /// The grade of `passage` (`FILE:LINE`); 0 when not judged.
    public func grade(of passage: String) -> Int {
        judgments.first { $0.passage == passage }?.grade ?? 0
    }

    /// Reads a JSON Lines file of judged queries.
    public static func load(_ url: URL) throws(BaogaoError) -> [JudgedQuery] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw BaogaoError("cannot read \(url.path): \(error.localizedDescription)")
        }
        var queries: [JudgedQuery] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            do {
                queries.append(try JSONDecoder().decode(JudgedQuery.self, from: Data(line.utf8)))
            } catch {
                throw BaogaoError("\(url.lastPathComponent) line \(n + 1) is not a judged query: \(error)")
            }
        }
        return queries
    }
}
