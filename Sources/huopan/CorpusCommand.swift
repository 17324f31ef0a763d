import ArgumentParser
import Foundation
import HuopanCorpus

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Synthetic catalogs.", subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a deterministic 1688-style catalog (JSONL).")

        @Option(help: "Number of offers.") var offers: Int
        @Option(help: "Random seed; the same seed gives the same catalog.") var seed: UInt64 = 1
        @Option(help: "Output JSONL file (standard output when omitted).") var output: String?
        @Option(help: "Also write the ground truth (id<TAB>product_type) here.") var truth: String?

        func validate() throws {
            guard offers > 0, offers <= 50_000_000 else { throw ValidationError("--offers must be between 1 and 50,000,000") }
        }

        func run() throws {
            let started = Date()
            let generator = CorpusGenerator(offers: offers, seed: seed)
            let path = output ?? "/dev/stdout"
            try generator.write(catalog: URL(fileURLWithPath: path), truth: truth.map { URL(fileURLWithPath: $0) })
            note(String(format: "generated %d offers from %d suppliers in %.1f s", offers, generator.suppliers.count,
                        Date().timeIntervalSince(started)))
        }
    }
}
