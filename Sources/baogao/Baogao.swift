import ArgumentParser
import BaogaoKit

@main
struct Baogao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baogao",
        abstract: "Chinese-aware full-text search for reports."
    )
}
