import BaogaoKit
import BaogaoMCP
import Foundation
import Hummingbird
import MCP

/// `/mcp`: the same tools as `baogao mcp`, over MCP's streamable HTTP (stateless: each POST
/// gets one JSON answer). A route like the others, behind the same middleware; its index
/// reads go through the server's reader, with its deadline.
///
/// ```text
/// POST /mcp  {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"query":"乡村振兴"}}}
/// ```
struct MCPRoutes: Sendable {
    static let path = "/mcp"

    let endpoint: HTTPEndpoint
    let maxBodyBytes: Int

    init(reader: IndexReader, settings: ServerSettings) {
        endpoint = HTTPEndpoint(work: ReaderWork(reader: reader),
                                loopbackOnly: ["127.0.0.1", "localhost", "::1"].contains(settings.host))
        maxBodyBytes = settings.maxBodyBytes
    }

    func add(to router: Router<AppRequestContext>) {
        router.post("mcp") { request, _ in try await self.respond(request) }
        router.get("mcp") { request, _ in try await self.respond(request) }
    }

    func respond(_ request: Hummingbird.Request) async throws -> Hummingbird.Response {
        let body = try await request.body.collect(upTo: maxBodyBytes)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        if let authority = request.head.authority { headers["Host"] = authority }
        let answer = await endpoint.respond(to: MCP.HTTPRequest(
            method: request.method.rawValue, headers: headers,
            body: body.readableBytes > 0 ? Data(body.readableBytesView) : nil, path: request.uri.path))
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPFields.Element.Name(name) { fields.append(HTTPFields.Element(name: field, value: value)) }
        }
        return Hummingbird.Response(status: .init(code: answer.statusCode), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.bodyData ?? Data())))
    }
}

/// The server's reader as the tools' place to run: a read past the deadline is a message.
private struct ReaderWork: IndexWork {
    let reader: IndexReader

    func run<T: Sendable>(_ work: @escaping @Sendable (IndexDatabase) throws -> T) async throws -> T {
        do { return try await reader.run(work) } catch let error as RequestError {
            throw BaogaoError(error.message)
        }
    }
}
