import BaogaoKit
import MCP

/// Answers `tools/call`: checks the arguments, runs the tool over the index, and turns every
/// failure into a result with `isError` and a message a model can act on — never a protocol
/// error.
///
/// ```swift
/// let tools = BaogaoTools(work: DispatchIndexWork(index: index))
/// let result = await tools.call("search", ["query": "乡村振兴", "limit": 5])
/// ```
public struct BaogaoTools: Sendable {
    let work: any IndexWork
    let budget: AnswerBudget

    public init(work: any IndexWork, budget: AnswerBudget = .standard) {
        self.work = work
        self.budget = budget
    }

    public func call(_ name: String, _ arguments: [String: Value]?) async -> CallTool.Result {
        let budget = self.budget
        do {
            let answer: ToolAnswer
            switch name {
            case SearchTool.name:
                let tool = try SearchTool(arguments)
                answer = try await work.run { try tool.answer($0, budget: budget) }
            case UnitsTool.name:
                let tool = try UnitsTool(arguments)
                answer = try await work.run { try tool.answer($0, budget: budget) }
            case ShowTool.name:
                let tool = try ShowTool(arguments)
                answer = try await work.run { try tool.answer($0, budget: budget) }
            case ReportsTool.name:
                let tool = try ReportsTool(arguments)
                answer = try await work.run { try tool.answer($0, budget: budget) }
            default:
                throw ToolError("no tool “\(name)”; the tools are " + ToolCatalog.all.map(\.name).joined(separator: ", "))
            }
            return try answer.result
        } catch {
            return ToolAnswer.error(Self.message(for: error))
        }
    }

    /// What the model reads for a failure.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as ToolError: return error.message
        case let error as BaogaoError: return ToolError(error).message
        case let error as QueryError: return "bad query: \(error.message)"
        case let error as MCPError: return error.errorDescription ?? "the tool failed"
        default: return "the tool failed: \(error)"
        }
    }
}
