import Foundation
import Hummingbird

/// Builds the server's responses: JSON (keys sorted, slashes unescaped, as the command line
/// prints), HTML pages and static assets, all UTF-8.
///
/// ```swift
/// return try Responses.json(SearchResponse(…))
/// return Responses.html(page, status: .notFound)
/// ```
enum Responses {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, json: Bool, query: String? = nil,
                      headers: HTTPFields = [:]) -> Response {
        var response: Response
        if json {
            response = (try? Self.json(ErrorResponse(error: message), status: status))
                ?? Response(status: status)
        } else {
            response = html(ErrorPage.render(status: status, message: message, query: query), status: status)
        }
        response.headers.append(contentsOf: headers)
        return response
    }
}
