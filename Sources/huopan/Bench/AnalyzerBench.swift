import ArgumentParser
import Foundation
import HuopanIndex
import HuopanText

struct AnalyzerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyzer", abstract: "Analyzer throughput (characters/s, one core) over the Taobao queries.")

    @OptionGroup var lexiconOptions: LexiconOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Queries to use.") var limit = 100_000
    @Option(help: "Passes over the queries.") var passes = 3

    func run() throws {
        warnIfDebug()
        let qs = try loadQueries(queries, limit: limit)
        let chars = qs.reduce(0) { $0 + $1.unicodeScalars.count }
        let analyzer = try Analyzer(lexicon: try lexiconOptions.lexicon())
        let empty = try Analyzer(lexicon: Lexicon())
        func measure(_ name: String, _ body: (String) throws -> Void) throws -> Double {
            for q in qs.prefix(2_000) { try body(q) }  // warm-up
            let start = Date()
            for _ in 0..<passes { for q in qs { try body(q) } }
            let rate = Double(chars * passes) / Date().timeIntervalSince(start)
            print(String(format: "%-44@ %6.2f M chars/s", name as NSString, rate / 1e6))
            return rate
        }
        print("\(qs.count) queries, \(chars) characters, \(passes) passes, one thread")
        let normalize = try measure("normalise only (NFKC, case, T→S)") { _ = try analyzer.normalize($0) }
        let icu = try measure("normalise + ICU word break, no lexicon") { _ = try empty.analyze($0) }
        let full = try measure("full analyzer (ICU + domain lexicon + rules)") { _ = try analyzer.analyze($0) }
        let lexicon = analyzer.lexicon
        let plan = try measure("full analyzer + query plan (units)") { _ = QueryPlan(analysis: try analyzer.analyze($0), lexicon: lexicon) }
        print(String(format: "ratios: full/normalise %.2f, full/ICU-only %.2f, plan/full %.2f", full / normalize, full / icu, plan / full))
    }
}
