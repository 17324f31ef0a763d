import ArgumentParser
import Foundation
import HuopanIndex
import HuopanText

struct IndexBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Full index build: offers/s, wall time, size on disk, peak RSS.")

    @OptionGroup var lexiconOptions: LexiconOptions
    @Option(help: "JSONL catalog.") var catalog: String
    @Option(help: "Index directory (scratch; replaced).") var db: String
    @Option var shards = 1
    @Option var workers = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        warnIfDebug()
        XapianEnvironment.configureForBulkBuild()
        try? FileManager.default.removeItem(atPath: db)
        let builder = IndexBuilder(
            layout: IndexLayout(root: URL(fileURLWithPath: db)), lexicon: try lexiconOptions.lexicon(),
            workers: workers, shards: shards)
        let report = try builder.build(catalog: URL(fileURLWithPath: catalog))
        print(
            String(
                format: "offers %d  wall %.1f s  %.0f offers/s  disk %.0f MB  peak RSS %.0f MB  workers %d  shards %d",
                report.offers, report.seconds, Double(report.offers) / report.seconds, Double(report.bytesOnDisk) / 1e6,
                peakRSSMegabytes(), workers, shards))
        print(
            "phases: "
                + report.phases.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
    }
}
