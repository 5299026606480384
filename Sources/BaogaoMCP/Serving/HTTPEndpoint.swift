import BaogaoKit
import MCP

/// MCP's streamable HTTP, stateless: each POST is answered with one JSON response by a server
/// made for that request, so no session is kept between requests and any number of clients
/// can call at once. GET and DELETE answer 405 (there are no server-initiated messages).
/// Framework-free: the web server turns its requests into `HTTPRequest` and back.
///
/// ```swift
/// let endpoint = HTTPEndpoint(work: work, loopbackOnly: true)
/// let response = await endpoint.respond(to: HTTPRequest(method: "POST", headers: headers, body: body, path: "/mcp"))
/// ```
public struct HTTPEndpoint: Sendable {
    let work: any IndexWork
    let validation: any HTTPRequestValidationPipeline

    /// `loopbackOnly`: the server listens on loopback, so a `Host` or `Origin` of another
    /// name is refused (DNS rebinding protection); otherwise any host may ask.
    public init(work: any IndexWork, loopbackOnly: Bool) {
        self.work = work
        validation = StandardValidationPipeline(validators: [
            loopbackOnly ? OriginValidator.localhost() : OriginValidator.disabled,
            AcceptHeaderValidator(mode: .jsonOnly),
            ContentTypeValidator(),
            ProtocolVersionValidator(),
        ])
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let transport = StatelessHTTPServerTransport(validationPipeline: validation)
        let server = await BaogaoMCPServer.make(work: work)
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("the MCP server did not start"))
        }
        let response = await transport.handleRequest(request)
        await server.stop()
        return response
    }
}
