import ArgumentParser

/// `baogao-bench`: measures Baogao against SQLite's FTS5 trigram tokenizer and ripgrep on a
/// folder of reports, side by side in the same run.
@main
struct BaogaoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baogao-bench",
        abstract: "Benchmark Baogao against FTS5 trigram and ripgrep.",
        subcommands: [RunCommand.self, TableCommand.self, IndexChildCommand.self, QueriesCommand.self, TimeCommand.self, OCRCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
