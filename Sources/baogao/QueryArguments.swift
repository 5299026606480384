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
            let text = words.filter { $0 != "--" }.map(Self.unshielded).joined(separator: " ")
            return try SearchQuery(parsing: text)
        } catch {
            throw BaogaoError("bad query: \(error.message)")
        }
    }

    /// The command line with each exclusion of a filter or of text beyond ASCII (`-section:附则`,
    /// `-title:条例`, `-疫情`) marked as a query word for the commands that take a query: the
    /// argument parser reads a word of one dash as short options, and `search` has some (-c,
    /// -l, -m, -C), so `-section:附则` failed as “unknown option -s”. A word of ASCII letters
    /// and digits (`-c`, `-lc`, `-m1`) is left to the parser, as an option or an error (an
    /// exclusion of one goes after `--`); nothing after `--` changes.
    static func shielded(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, commands.contains(command) else { return arguments }
        var out = [command]
        var options = true
        for word in arguments.dropFirst() {
            if word == "--" { options = false }
            let exclusion = options && word.hasPrefix("-") && !word.hasPrefix("--")
                && word.unicodeScalars.contains { $0 == ":" || !$0.isASCII }
            out.append(exclusion ? shield + word : word)
        }
        return out
    }

    /// The commands whose positional words are a query.
    static let commands: Set<String> = ["search", "units", "reports"]
    /// What marks a word as the query's (a word joiner, taken off before parsing).
    static let shield = "\u{2060}"

    static func unshielded(_ word: String) -> String {
        word.hasPrefix(shield) ? String(word.dropFirst()) : word
    }
}
