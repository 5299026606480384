import Foundation
import MCP

/// Encodes answers as the command line does (sorted keys, slashes as they are) and turns the
/// same bytes into MCP's `Value`, so `structuredContent` and the text never differ.
enum JSONValue {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The JSON text as a `Value`. Strings stay strings: `Value`'s own decoder would turn a
    /// passage that starts like a `data:` URL into bytes.
    static func value(of json: String) throws -> Value {
        try JSONDecoder().decode(Plain.self, from: Data(json.utf8)).value
    }

    private struct Plain: Decodable {
        let value: Value

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let int = try? container.decode(Int.self) {
                value = .int(int)
            } else if let double = try? container.decode(Double.self) {
                value = .double(double)
            } else if let string = try? container.decode(String.self) {
                value = .string(string)
            } else if let array = try? container.decode([Plain].self) {
                value = .array(array.map(\.value))
            } else {
                value = .object(try container.decode([String: Plain].self).mapValues(\.value))
            }
        }
    }
}
