/// Whether an address to listen on reaches this machine only: `localhost`, `127.x.x.x` or
/// `::1`. Anything else (`0.0.0.0`, `::`, a LAN address, a host name) serves other machines.
///
/// ```swift
/// ListenAddress.isLoopback("127.0.0.1")  // true
/// ListenAddress.isLoopback("0.0.0.0")    // false
/// ```
public enum ListenAddress {
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in part.count <= 3 && UInt8(part) != nil }
    }
}
