import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a URL over a real socket with URLSession: status, headers and body.
enum HTTPFetch {
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw FixtureError("not a JSON object: \(text)")
            }
            return object
        }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 8
        return URLSession(configuration: configuration)
    }()

    static func get(_ url: URL, method: String = "GET") async throws -> Answer {
        var request = URLRequest(url: url)
        request.httpMethod = method
        return try await send(request)
    }

    /// Sends a request as it is (method, headers, body).
    static func send(_ request: URLRequest) async throws -> Answer {
        let url = request.url!
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                guard let http = response as? HTTPURLResponse else {
                    return continuation.resume(throwing: FixtureError("no HTTP response from \(url)"))
                }
                continuation.resume(returning: Answer(status: http.statusCode,
                                                      contentType: http.value(forHTTPHeaderField: "Content-Type"),
                                                      body: data ?? Data()))
            }.resume()
        }
    }
}
