import Foundation

/// Standard output written in pieces of about 64 KB: rows that come one by one.
struct RowsOutput {
    private var pending = Data()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    mutating func append(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    /// One value as a line of JSON: keys sorted, slashes unescaped (every JSON Lines output
    /// of the command line, ``Output/writeJSONLines(_:)`` included, is written here).
    mutating func appendJSONLine(_ value: some Encodable) {
        guard let line = try? encoder.encode(value) else { return }
        pending.append(line)
        pending.append(0x0A)
        if pending.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

