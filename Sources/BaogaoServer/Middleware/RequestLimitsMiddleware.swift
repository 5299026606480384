import Hummingbird

/// Refuses what a read-only search server never needs before any work is done: methods other
/// than GET and HEAD (405; POST only to `postPaths`, where reading calls arrive as bodies),
/// URLs longer than `maxURIBytes` (414), and request bodies over `maxBodyBytes` or of unknown
/// length (413).
///
/// ```swift
/// router.add(middleware: RequestLimitsMiddleware(maxURIBytes: 8192, maxBodyBytes: 16384, postPaths: ["/mcp"]))
/// ```
struct RequestLimitsMiddleware<Context: RequestContext>: RouterMiddleware {
    var maxURIBytes: Int
    var maxBodyBytes: Int
    var postPaths: Set<String> = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let posting = request.method == .post && postPaths.contains(request.uri.path)
        guard request.method == .get || request.method == .head || posting else {
            throw RequestError(.methodNotAllowed, "only GET and HEAD are served; this server never changes anything",
                               headers: [.allow: "GET, HEAD"])
        }
        guard request.uri.string.utf8.count <= maxURIBytes else {
            throw RequestError(.uriTooLong, "the URL is longer than \(maxURIBytes) bytes")
        }
        if request.headers[.transferEncoding] != nil {
            throw RequestError(.contentTooLarge, "request bodies of unknown length are not accepted")
        }
        if let length = request.headers[.contentLength] {
            guard let bytes = Int(length), bytes >= 0, bytes <= maxBodyBytes else {
                throw RequestError(.contentTooLarge, "the request body is larger than \(maxBodyBytes) bytes")
            }
        }
        return try await next(request, context)
    }
}
