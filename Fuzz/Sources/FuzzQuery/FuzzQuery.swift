import BaogaoKit
import FuzzSupport

/// Any text through the query parser: a query or a message with a column inside the text.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    do {
        let query = try SearchQuery(parsing: text)
        for term in query.terms { _ = TermPlan(term.text)?.matchExpression }
    } catch {
        precondition(!error.message.isEmpty, "empty message")
        if let column = error.column { precondition(column >= 1 && column <= text.count + 1, "column \(column) outside") }
    }
    return 0
}

/// The entry libFuzzer looks for.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzz(data, size) }

@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
