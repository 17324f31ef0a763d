import ArgumentParser
import Foundation
import HuopanIndex
import HuopanText

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Build a new index generation from a JSONL catalog and switch to it.")

    @OptionGroup var lexiconOptions: LexiconOptions
    @Option(help: "JSONL catalog.") var catalog: String
    @Option(help: "Index directory (created if missing).") var db: String
    @Option(help: "Number of shards (databases) to partition offers into by id.") var shards = 1
    @Option(help: "Worker threads (default: one per core).") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        guard (1...256).contains(shards) else { throw ValidationError("--shards must be between 1 and 256") }
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
    }

    func run() throws {
        XapianEnvironment.configureForBulkBuild()
        let builder = IndexBuilder(
            layout: IndexLayout(root: URL(fileURLWithPath: db)), lexicon: try lexiconOptions.lexicon(),
            workers: workers, shards: shards)
        let progress = TerminalProgress("indexing")
        let report = try builder.build(catalog: URL(fileURLWithPath: catalog)) { progress.update($0, of: $1) }
        progress.finish()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(
            String(
                format: "indexed %d offers into %@ (generation %d, %d shard%@) in %.1f s, %.1f MB on disk",
                report.offers, report.directory, report.generation, report.shards, report.shards == 1 ? "" : "s",
                report.seconds, Double(report.bytesOnDisk) / 1e6))
        print(
            "phases: "
                + report.phases.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
        if report.duplicates > 0 { print("\(report.duplicates) duplicate ids: the later line won") }
        for w in report.warnings { print("warning: \(w)") }
        print("rejected \(report.rejected.count) line\(report.rejected.count == 1 ? "" : "s")")
        for r in report.rejected.prefix(50) { print("  \(r)") }
        if report.rejected.count > 50 { print("  ... and \(report.rejected.count - 50) more (use --json for all)") }
    }
}
