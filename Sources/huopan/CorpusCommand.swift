import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEval

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "The generated marketplace: catalogs, judged query sets, the lexicon's product words.",
        subcommands: [Generate.self, Judgments.self, Lexicon.self])

    /// Where the taxonomy files are (`--taxonomy`, default the checkout's `Corpora/taxonomy`).
    struct TaxonomyOption: ParsableArguments {
        @Option(help: "Taxonomy directory (default: Corpora/taxonomy).") var taxonomy: String?

        func load() throws -> Taxonomy {
            guard let dir = taxonomy ?? CorporaDefaults.path("taxonomy") else {
                throw CLIError("--taxonomy is needed: the directory of taxonomy files (Corpora/taxonomy in a checkout)")
            }
            do {
                return try Taxonomy.load(URL(fileURLWithPath: dir))
            } catch let error as TaxonomyError {
                throw CLIError("taxonomy: \(error.description)")
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a deterministic 1688-style catalog (JSONL).")

        @OptionGroup var taxonomy: TaxonomyOption
        @Option(help: "Number of offers.") var offers: Int
        @Option(help: "Random seed; the same seed gives the same catalog.") var seed: UInt64 = 1
        @Option(help: "Output JSONL file (standard output when omitted).") var output: String?
        @Option(help: "Also write the ground truth (id<TAB>product_type) here.") var truth: String?

        func validate() throws {
            guard offers > 0, offers <= 50_000_000 else { throw ValidationError("--offers must be between 1 and 50,000,000") }
        }

        func run() throws {
            let started = Date()
            let generator = CorpusGenerator(offers: offers, seed: seed, taxonomy: try taxonomy.load())
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

        @OptionGroup var taxonomy: TaxonomyOption
        @Option(help: "Generated catalog (JSONL).") var catalog = "Corpora/sample/offers.jsonl"
        @Option(help: "Its ground truth (id<TAB>product_type).") var truth = "Corpora/sample/offers.truth.tsv"
        @Option(help: "Number of queries (split half train, half test).") var queries = 400
        @Option var seed: UInt64 = 2026
        @Option(help: "Directory for {train,test}.queries.tsv and .qrels.") var out: String
        @Flag(help: "Replace judged sets that already exist in --out.") var force = false
        @Option(help: "Keep at most this many judgments per grade and query (for large catalogs).") var maxPerGrade: Int?
        @Option(help: "Query only product types with at least this many offers.") var minOffers = 3

        func run() throws {
            let (offers, rejected) = try CatalogReader().read(contentsOf: URL(fileURLWithPath: catalog))
            guard rejected.isEmpty else { throw CLIError("\(catalog) has \(rejected.count) bad lines, e.g. \(rejected[0])") }
            let truthMap = try CorpusGenerator.readTruth(URL(fileURLWithPath: truth))
            let all = JudgmentGenerator.generate(
                offers: offers, truth: truthMap, taxonomy: try taxonomy.load(), count: queries, seed: seed, minOffers: minOffers,
                maxPerGrade: maxPerGrade)
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

extension CorpusCommand {
    struct Lexicon: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the lexicon's product words and brands from the taxonomy (products.txt, brands.txt).",
            discussion: """
                products.txt gets every product word of the taxonomy (canonical words, aliases, the
                neighbouring products titles mention and the products accessories are for); brands.txt
                every brand. Both are replaced; the lexicon's other files are left as they are.
                """)

        @OptionGroup var taxonomy: TaxonomyOption
        @Option(help: "Lexicon directory to write into (default: Corpora/lexicon).") var lexicon: String?

        func run() throws {
            let world = try taxonomy.load()
            guard let dir = lexicon ?? CorporaDefaults.path("lexicon") else { throw CLIError("--lexicon is needed: the lexicon directory") }
            let products = LexiconWords.products(of: world)
            let brands = LexiconWords.brands(of: world)
            try LexiconWords.file(
                header: [
                    "Product words and category names, kept whole by segmentation (连衣裙, 手机壳, 女装): every canonical",
                    "word, alias, neighbouring product, host product and category of the taxonomy.",
                    "Written by `huopan corpus lexicon`; do not edit.",
                ], words: products
            ).write(toFile: "\(dir)/products.txt", atomically: true, encoding: .utf8)
            try LexiconWords.file(
                header: ["Brands sellers put in titles. Written by `huopan corpus lexicon` from the taxonomy; do not edit."],
                words: brands
            ).write(toFile: "\(dir)/brands.txt", atomically: true, encoding: .utf8)
            print("\(products.count) product words → \(dir)/products.txt, \(brands.count) brands → \(dir)/brands.txt")
        }
    }
}
