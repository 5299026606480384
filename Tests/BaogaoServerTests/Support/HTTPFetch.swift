import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches a URL over a real socket with AsyncHTTPClient: status, headers and body.
///
/// ```swift
/// let answer = try await HTTPFetch.get(URL(string: "api/search?q=x", relativeTo: server.base)!)
/// answer.status   // 200
/// ```
///
/// Not URLSession: on Linux it runs on libcurl and dispatch sources whose teardown races are a
/// known cause of rare heap corruption in long multi-threaded runs (an abort in a dispatch
/// worker of the test process, with nothing of ours on the stack). AsyncHTTPClient is NIO,
/// like the server, and is built from source with the tests.
enum HTTPFetch {
    struct Answer: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var contentType: String? { header("Content-Type") }

        /// The first value of a header (names compared without case).
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw FixtureError("not a JSON object: \(text)")
            }
            return object
        }
    }

    static func get(_ url: URL, method: String = "GET") async throws -> Answer {
        try await send(url, method: method)
    }

    /// Sends a request with `method`, `headers` and `body` as they are.
    static func send(_ url: URL, method: String = "GET", headers: [String: String] = [:],
                     body: Data? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 256 << 20)
        return Answer(status: Int(response.status.code),
                      headers: response.headers.map { (name: $0.name, value: $0.value) },
                      body: Data(bytes.readableBytesView))
    }
}
