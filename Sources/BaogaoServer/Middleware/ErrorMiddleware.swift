import BaogaoKit
import Hummingbird

/// Turns every error into an answer: `{"error": message}` under `/api/`, a page elsewhere,
/// with a 4xx status for what the request got wrong and 5xx for what the server did.
///
/// ```text
/// GET /api/search?q=%22abc   →  400 {"error":"bad query: unbalanced quote at column 1"}
/// GET /nowhere               →  404 page "没有这个页面"
/// ```
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message, headers) = Self.describe(error, path: request.uri.path)
            if status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri): \(message)")
            }
            let query = (try? QueryString(request.uri.query))?["q"]
            return Responses.error(status, message, json: Self.wantsJSON(request), query: query, headers: headers)
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        return path == "/api" || path.hasPrefix("/api/") || path == MCPRoutes.path
    }

    static func describe(_ error: any Error, path: String) -> (HTTPResponse.Status, String, HTTPFields) {
        switch error {
        case let error as RequestError:
            return (error.status, error.message, error.headers)
        case let error as QueryError:
            return (.badRequest, "bad query: \(error.message)", [:])
        case let error as BaogaoError:
            return error.isQueryError ? (.badRequest, "bad query: \(error.message)", [:]) : (.internalServerError, error.message, [:])
        case let error as HTTPError where error.status == .notFound:
            return (.notFound, "no such page: \(path)", [:])
        case let error as HTTPError:
            return (error.status, error.body ?? error.status.reasonPhrase, error.headers)
        case is CancellationError:
            return (.serviceUnavailable, "the request was cancelled", [:])
        default:
            return (.internalServerError, "internal error", [:])
        }
    }
}
