import ArgumentParser
import BaogaoKit

/// The query words of a command, joined and parsed with the one query parser.
struct QueryArguments: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
        "The query: terms (each an exact phrase), \"quoted phrases\", OR, -exclude, (groups), "
            + "unit:…, year:2021 or year:2019..2021, section:…, title:….",
        valueName: "query"))
    var words: [String] = []

    /// Words after the options are the query, so `-疫情` reaches it as an exclusion; only a
    /// misspelt long option is refused.
    func validate() throws {
        if let option = words.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option \(option)")
        }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == "--" } }

    func parsed() throws -> SearchQuery {
        do {
            return try SearchQuery(parsing: words.filter { $0 != "--" }.joined(separator: " "))
        } catch {
            throw BaogaoError("bad query: \(error.message)")
        }
    }
}
