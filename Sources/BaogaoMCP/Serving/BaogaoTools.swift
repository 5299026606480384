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

    static let tools: [String: any BaogaoTool.Type] = [
        SearchTool.name: SearchTool.self, UnitsTool.name: UnitsTool.self,
        ShowTool.name: ShowTool.self, ReportsTool.name: ReportsTool.self,
    ]

    public func call(_ name: String, _ arguments: [String: Value]?) async -> CallTool.Result {
        let budget = self.budget
        do {
            guard let type = Self.tools[name] else {
                throw ToolError("no tool “\(name)”; the tools are " + ToolCatalog.all.map(\.name).joined(separator: ", "))
            }
            let tool = try type.init(arguments)
            let answer = try await work.run { try tool.answer($0, budget: budget) }
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

/// A tool: its arguments checked when it is made, its answer read from the index.
protocol BaogaoTool: Sendable {
    init(_ arguments: [String: Value]?) throws(ToolError)
    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer
}

extension SearchTool: BaogaoTool {}
extension UnitsTool: BaogaoTool {}
extension ShowTool: BaogaoTool {}
extension ReportsTool: BaogaoTool {}
