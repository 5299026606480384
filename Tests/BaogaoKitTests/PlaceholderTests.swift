import Testing
@testable import BaogaoKit

@Test func structureKeepsNonEmptyLines() {
    let s = StructureParser.parse("一、总体情况\n\n正文。\n")
    #expect(s.passages.map(\.line) == [1, 3])
}
