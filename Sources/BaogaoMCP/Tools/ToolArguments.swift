import Foundation
import MCP

/// A tool's arguments, read leniently (a number sent as `10`, `10.0` or `"10"`) but checked:
/// a missing, mistyped, out-of-range or unknown argument is a ``ToolError`` naming it.
///
/// ```swift
/// let arguments = try ToolArguments(["query": "乡村振兴", "limit": 5], tool: "search",
///                                   accepted: ["query", "limit", "offset"])
/// try arguments.int("limit", default: 10, in: 1...50)  // 5
/// ```
struct ToolArguments: Sendable {
    let values: [String: Value]
    let tool: String

    init(_ values: [String: Value]?, tool: String, accepted: [String]) throws(ToolError) {
        let values = values ?? [:]
        if let unknown = values.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw ToolError("\(tool) takes no argument “\(unknown)”; its arguments are \(accepted.joined(separator: ", "))")
        }
        self.values = values
        self.tool = tool
    }

    /// A text argument; nil when absent (or null).
    func text(_ name: String) throws(ToolError) -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        default: throw ToolError("\(name) must be text")
        }
    }

    /// A text argument that must be there and not blank.
    func requiredText(_ name: String, example: String) throws(ToolError) -> String {
        guard let text = try self.text(name), text.contains(where: { !$0.isWhitespace }) else {
            throw ToolError("\(tool) needs \(name), e.g. \(example)")
        }
        return text
    }

    /// A whole-number argument within `range`; `fallback` when absent.
    func int(_ name: String, default fallback: Int?, in range: ClosedRange<Int>) throws(ToolError) -> Int? {
        let number: Int?
        switch values[name] {
        case nil, .null?: return fallback
        case .int(let value)?: number = value
        case .double(let value)?: number = value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        case .string(let text)?: number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number else { throw ToolError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        guard range.contains(number) else {
            throw ToolError("\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
        }
        return number
    }
}

/// What a tool answers with `isError`: a message the model can act on.
struct ToolError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
