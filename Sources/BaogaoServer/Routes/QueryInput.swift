import BaogaoKit

/// The query of a request (`q=`): present, not too long, and parsed with the one query parser.
///
/// ```swift
/// let query = try QueryInput.required(parameters, maxCharacters: 500)  // ("乡村振兴", SearchQuery)
/// ```
enum QueryInput {
    /// The `q` parameter, which must be there.
    static func required(_ parameters: QueryString, maxCharacters: Int, example: String) throws(RequestError) -> (String, SearchQuery) {
        guard let text = parameters.text("q") else {
            throw RequestError(.badRequest, "q is required, e.g. \(example)")
        }
        return (text, try parse(text, maxCharacters: maxCharacters))
    }

    /// The `q` parameter when given.
    static func optional(_ parameters: QueryString, maxCharacters: Int) throws(RequestError) -> (String, SearchQuery)? {
        guard let text = parameters.text("q") else { return nil }
        return (text, try parse(text, maxCharacters: maxCharacters))
    }

    static func parse(_ text: String, maxCharacters: Int) throws(RequestError) -> SearchQuery {
        try checkLength(text, maxCharacters: maxCharacters)
        do {
            return try SearchQuery(parsing: text)
        } catch {
            throw RequestError(.badRequest, "bad query: \(error.message)")
        }
    }

    static func checkLength(_ text: String, maxCharacters: Int) throws(RequestError) {
        guard text.count <= maxCharacters else {
            throw RequestError(.badRequest, "the query is longer than \(maxCharacters) characters")
        }
    }

    /// The page a listing asks for: `limit` (1–`maxLimit`, `maxLimit` when absent) and
    /// `offset` (0 by default, at most `maxOffset`).
    static func page(_ parameters: QueryString, maxLimit: Int, maxOffset: Int) throws(RequestError) -> (limit: Int, offset: Int) {
        (try parameters.int("limit", default: maxLimit, in: 1...maxLimit),
         try parameters.int("offset", default: 0, in: 0...maxOffset))
    }

    /// The `path` parameter: a report's path relative to the indexed folder, as hits give it.
    static func path(_ parameters: QueryString) throws(RequestError) -> String {
        guard let path = parameters["path"], !path.isEmpty else {
            throw RequestError(.badRequest, "path is required: a report's path as hits give it")
        }
        // SQLite would read a text with NUL only up to it: no indexed path holds a control character.
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw notIndexed(path)
        }
        return path
    }

    /// The answer for a path that is not an indexed report's (including `../…` and absolute
    /// paths: the server reads reports from the index only, never from disk).
    static func notIndexed(_ path: String) -> RequestError {
        RequestError(.notFound, "no report at “\(path)” in the index (paths are relative to the indexed folder, as /api/reports lists them)")
    }
}
