import Hummingbird

/// A request the server refuses, with the status and a message for the person or program
/// that sent it. Rendered as `{"error": message}` under `/api/`, as a page elsewhere.
///
/// ```swift
/// throw RequestError(.badRequest, "limit must be a whole number from 1 to 1000")
/// ```
struct RequestError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    /// Extra response headers (e.g. `Allow` for 405).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }
}
