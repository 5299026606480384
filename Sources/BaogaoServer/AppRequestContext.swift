import Hummingbird
import HummingbirdAuth
import NIOCore
import Synchronization

/// The request context of every route: Hummingbird's core storage, the logged-in user (nil
/// on an open server and on `/healthz` and the assets), the client's address, and the record
/// the access log and the metrics read once the answer is made.
public struct AppRequestContext: AuthRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: TeamUser?
    public let remoteAddress: SocketAddress?
    /// Shared with the middleware that wraps this request (a reference: set deep, read outside).
    let record = RequestRecord()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address (without the port), or "-" when there is no socket (router tests).
    var clientAddress: String { remoteAddress?.ipAddress ?? "-" }
}

/// What the inner middleware learned about a request, for the access log: who logged in.
final class RequestRecord: Sendable {
    let user = Mutex<String?>(nil)
}
