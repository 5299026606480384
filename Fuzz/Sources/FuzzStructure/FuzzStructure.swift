import BaogaoKit
import FuzzSupport
import Foundation

/// Any bytes through decoding, and any text through the structure parser and metadata
/// inference: no crash, passages in line order, every section's parent before it.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    let text = (try? TextDecoder.decode(bytes).text) ?? TextDecoder.decodeLossy(bytes).text
    let structure = StructureParser.parse(text)
    var line = 0
    for passage in structure.passages {
        precondition(passage.line > line, "passages out of order")
        line = passage.line
        if let section = passage.sectionIndex { precondition(section < structure.sections.count) }
    }
    for (i, section) in structure.sections.enumerated() {
        if let parent = section.parentIndex { precondition(parent < i, "parent after child") }
        _ = structure.trail(of: i)
    }
    _ = MetadataInference.infer(path: "x.txt", structure: structure)
    return 0
}

/// The entry libFuzzer looks for.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzz(data, size) }

@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
