import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEval

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Synthetic catalogs.", subcommands: [Generate.self, Judgments.self])

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
            if let output {
                try generator.write(catalog: URL(fileURLWithPath: output), truth: truth.map { URL(fileURLWithPath: $0) })
            } else {
                // The standard output stream itself: a path such as /dev/stdout would be a
                // file to replace for the file APIs.
                try generator.write(to: FileHandle.standardOutput, truth: truth.map { URL(fileURLWithPath: $0) })
            }
            note(
                String(
                    format: "generated %d offers from %d suppliers in %.1f s", offers, generator.suppliers.count,
                    Date().timeIntervalSince(started)))
        }
    }
}

extension CorpusCommand {
    struct Judgments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judged query sets for a generated catalog, from its ground truth (rules: Corpora/judgments/RULES.md).")

        @Option(help: "Generated catalog (JSONL).") var catalog = "Corpora/sample/offers.jsonl"
        @Option(help: "Its ground truth (id<TAB>product_type).") var truth = "Corpora/sample/offers.truth.tsv"
        @Option(help: "Number of queries (split half train, half test).") var queries = 400
        @Option var seed: UInt64 = 2026
        @Option(help: "Directory for {train,test}.queries.tsv and .qrels.") var out: String
        @Flag(help: "Replace judged sets that already exist in --out.") var force = false
        @Option(help: "Keep at most this many judgments per grade and query (for large catalogs).") var maxPerGrade: Int?

        func run() throws {
            let (offers, rejected) = try CatalogReader().read(contentsOf: URL(fileURLWithPath: catalog))
            guard rejected.isEmpty else { throw CLIError("\(catalog) has \(rejected.count) bad lines, e.g. \(rejected[0])") }
            let truthMap = try CorpusGenerator.readTruth(URL(fileURLWithPath: truth))
            let all = JudgmentGenerator.generate(offers: offers, truth: truthMap, count: queries, seed: seed, maxPerGrade: maxPerGrade)
            let (train, test) = JudgmentGenerator.split(all)
            let files = ["train", "test"].flatMap { ["\(out)/\($0).queries.tsv", "\(out)/\($0).qrels"] }
            if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                throw CLIError("\(existing) exists; pass --force to replace the judged sets in \(out)")
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, part) in [("train", train), ("test", test)] {
                try QuerySetFile.format(part.queries).write(toFile: "\(out)/\(name).queries.tsv", atomically: true, encoding: .utf8)
                try part.qrels.format().write(toFile: "\(out)/\(name).qrels", atomically: true, encoding: .utf8)
                let judged = part.qrels.grades.values.reduce(0) { $0 + $1.count }
                print("\(name): \(part.queries.count) queries, \(judged) judgments → \(out)/\(name).{queries.tsv,qrels}")
            }
        }
    }
}
