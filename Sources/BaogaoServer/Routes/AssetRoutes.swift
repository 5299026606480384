import Hummingbird

/// `/assets/NAME`: the stylesheet, script and icon, from memory. A name that is not one of
/// them is a 404; no request ever names a file on disk.
///
/// ```text
/// GET /assets/baogao.css?v=3f2a9c1e   →  200 text/css
/// GET /assets/..%2FPackage.swift      →  404
/// ```
struct AssetRoutes: Sendable {
    let assets: Assets

    func add(to router: Router<AppRequestContext>) {
        router.get("assets/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            guard let file = assets[name] else {
                throw RequestError(.notFound, "no such asset: \(name)")
            }
            return Response(status: .ok,
                            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=86400"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}
