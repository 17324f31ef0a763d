// huopan: the command-line tool. Each subcommand is a thin shell over a module:
// corpus (HuopanCorpus), index (HuopanIndex), search (HuopanRanking),
// serve (HuopanServer), eval/compare/tune (HuopanEval), bench (benchmarks).
import ArgumentParser
import Foundation

@main
struct Huopan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huopan",
        abstract: "Search and ranking for a B2B wholesale marketplace.",
        version: HuopanVersion.description,
        subcommands: [
            CorpusCommand.self, IndexCommand.self, SearchCommand.self, AnalyzeCommand.self, ServeCommand.self, ShardCommand.self,
            EvalCommand.self, CompareCommand.self,
            TuneCommand.self, SimulateCommand.self, JudgmentsCommand.self, BenchCommand.self,
        ])
}

/// Prints to standard error (progress and diagnostics stay out of --json output).
func note(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Failure with a message and exit code 1 (ArgumentParser prints it).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
