import BaogaoKit
import FuzzSupport

/// Any bytes through the tokenizer (as FTS5 hands them over), and valid text through folding
/// and term planning: no crash, every range inside the text, positions never going back.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for mode in [BigramTokenizer.Mode.document, .query] {
        var previousStart = 0
        _ = BigramTokenizer.tokenize(bytes, mode: mode) { token, start, end, colocated in
            precondition(start >= 0 && start < end && end <= size, "range \(start)..<\(end) outside \(size) bytes")
            precondition(!token.isEmpty, "empty token")
            precondition(start >= previousStart, "tokens out of order")
            previousStart = start
            return true
        }
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        let folded = FoldedText(text)
        // Every folded scalar maps back to one original scalar, in order.
        var previous = 0
        for i in 0..<folded.scalars.count {
            let original = folded.originalRange(of: i..<(i + 1))
            precondition(original.count == 1 && original.upperBound <= folded.originalCount, "folded \(i) maps to \(original)")
            precondition(original.lowerBound >= previous, "folded \(i) maps back out of order")
            previous = original.lowerBound
        }
        if let plan = TermPlan(text) {
            _ = plan.matchExpression
            _ = folded.occurrences(of: plan.folded)
            _ = Searcher.highlights(in: text, plans: [plan])
            if let variant = TermVariant(plan) { _ = variant.matches(folded) }
        }
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
