import BaogaoKit
import Foundation
import FuzzSupport

/// Any bytes through the .docx, .html and .csv/.jsonl readers and the pipeline after them:
/// no crash, no hang, and a reason whenever a file is refused. The first byte picks the
/// format, so one corpus explores all of them.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let names = ["a.docx", "a.html", "a.csv", "a.jsonl", "a.txt"]
    let name = names[Int(data[0]) % names.count]
    let bytes = Data(bytes: data + 1, count: size - 1)
    do {
        for structure in try ReportBytes.read(bytes, named: name) {
            var line = 0
            for passage in structure.passages {
                precondition(passage.line >= line, "passages out of order")
                line = passage.line
                if let section = passage.sectionIndex { precondition(section < structure.sections.count) }
            }
        }
    } catch {
        precondition(!error.message.isEmpty, "a refusal without a reason")
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
