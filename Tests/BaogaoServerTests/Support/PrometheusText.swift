/// The samples of a Prometheus text exposition: `name{labels}` → value.
///
/// ```swift
/// let metrics = try PrometheusText(body)
/// metrics[#"baogao_http_requests_total{route="/api/search",status="200"}"#]  // 3
/// ```
struct PrometheusText {
    private(set) var samples: [String: Double] = [:]
    /// The names declared by `# TYPE` lines, with their types.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4 else { throw FixtureError("bad TYPE line: \(line)") }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw FixtureError("not a sample: \(line)")
            }
            samples[String(line[..<space])] = value
        }
    }

    subscript(_ key: String) -> Double? { samples[key] }

    /// `baogao_http_requests_total` for a route and status (0 when absent).
    func requests(_ route: String, _ status: Int) -> Double {
        samples[#"baogao_http_requests_total{route="\#(route)",status="\#(status)"}"#] ?? 0
    }
}
