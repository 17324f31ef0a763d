import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanEval
import HuopanIndex
import HuopanRanking
import HuopanText

/// Options shared by the evaluation commands.
struct EvalContext: ParsableArguments {
    @OptionGroup var engine: EngineOptions
    @Option(help: "Query set (TSV: qid, query, intent, qty, channel).") var queries: String
    @Option(help: "Graded judgments (TREC qrels).") var qrels: String
    @Option(help: "Comma-separated metrics: ndcg@k, ndcg_exp@k, err@k, map, mrr, p@k, recall@k.")
    var metrics = "ndcg@10,ndcg_exp@10,err@10,map,mrr,p@10,recall@100"

    func load() throws -> (queries: [JudgedQuery], qrels: Qrels, metrics: [Metric]) {
        let ms = try metrics.split(separator: ",").map { s -> Metric in
            guard let m = Metric(String(s)) else { throw CLIError("--metrics: unknown metric \"\(s)\"") }
            return m
        }
        return (try QuerySetFile.read(URL(fileURLWithPath: queries)), try Qrels.read(URL(fileURLWithPath: qrels)), ms)
    }

    /// The committed profiles (or a server's published ones with --state-dir).
    func profileSet() throws -> ProfileSet { try engine.profileSet() }

    func searcher() throws -> OfferSearch { try engine.engine().offers }

    /// A profile by name; `bm25_only` is the BM25 baseline.
    func profile(_ name: String, in set: ProfileSet) throws -> RankingProfile {
        if name == "bm25_only" { return Evaluator.bm25Only }
        guard let p = set.profile(named: name) else { throw CLIError("unknown profile \"\(name)\"") }
        return p
    }
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a profile (or a run file) on a judged query set.")

    @OptionGroup var context: EvalContext
    @Option(help: "Profile to evaluate (default: chosen per query by intent and channel; bm25_only for the baseline).") var profile: String?
    @Option(name: .customLong("run"), help: "Evaluate this TREC run instead of running the queries.") var runFile: String?
    @Option(help: "Write the TREC run that was scored.") var runOut: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Also print per-query values.") var perQuery = false

    func run() throws {
        let (queries, qrels, metrics) = try context.load()
        let started = Date()
        let scored: Run
        if let runFile {
            scored = try Run.read(URL(fileURLWithPath: runFile))
        } else {
            let set = try context.profileSet()
            let draft = try profile.map { try context.profile($0, in: set) }
            scored = try Evaluator(search: try context.searcher(), asOf: context.engine.asOf).run(
                queries, profiles: set, draft: draft, tag: profile ?? "huopan")
        }
        if let runOut { try scored.format().write(toFile: runOut, atomically: true, encoding: .utf8) }
        let evaluation = Evaluation.evaluate(scored, qrels: qrels, queries: queries.map(\.qid), metrics: metrics)
        if json {
            var e = evaluation
            if !perQuery { e.perQuery = [:] }
            try printJSON(e)
            return
        }
        print(
            "\(queries.count) queries · \(profile ?? runFile ?? "profiles by intent") · \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
        for m in metrics { print(String(format: "%-12@ %.4f", m.description, evaluation.means[m.description] ?? 0)) }
        if perQuery {
            for q in queries {
                print(
                    q.qid + "\t"
                        + metrics.map { String(format: "%.4f", evaluation.perQuery[q.qid]?[$0.description] ?? 0) }.joined(separator: "\t")
                        + "\t" + q.query)
            }
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two runs or two profiles on one query set (paired randomization test).")

    @OptionGroup var context: EvalContext
    @Option(help: "Run file A.") var runA: String?
    @Option(help: "Run file B.") var runB: String?
    @Option(help: "Profile A (with --db).") var profileA: String?
    @Option(help: "Profile B (with --db).") var profileB: String?
    @Option(
        help: ArgumentHelp(
            "Side B is this draft: a JSON profile, whole or only what it changes over profile A (a merge patch).",
            valueName: "file")) var draft: String?
    @Option(help: "Permutations of the randomization test.") var permutations = 10_000
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (queries, qrels, metrics) = try context.load()
        func obtain(_ file: String?, _ name: String?, _ label: String) throws -> (Run, String) {
            if let file { return (try Run.read(URL(fileURLWithPath: file)), file) }
            guard let name else { throw CLIError("give --run-\(label) or --profile-\(label)") }
            let set = try context.profileSet()
            return (
                try Evaluator(search: try context.searcher(), asOf: context.engine.asOf).run(
                    queries, profiles: set, draft: try context.profile(name, in: set), tag: name), name
            )
        }
        let (a, nameA) = try obtain(runA, profileA, "a")
        let (b, nameB): (Run, String)
        if let draft {
            guard runB == nil, profileB == nil else { throw CLIError("--draft is side B: give it instead of --run-b or --profile-b") }
            let set = try context.profileSet()
            let base = try context.profile(profileA ?? "default", in: set)
            let changes: JSONValue
            do {
                changes = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: draft)))
            } catch {
                throw CLIError("--draft \(draft): \(error)")
            }
            let profile: RankingProfile
            do throws(FieldIssue) {
                profile = try RankingProfile.draft(changes, over: base)
            } catch {
                throw CLIError("--draft \(draft): \(error.description)")
            }
            b = try Evaluator(search: try context.searcher(), asOf: context.engine.asOf).run(
                queries, profiles: set, draft: profile, tag: "draft")
            nameB = "draft"
        } else {
            (b, nameB) = try obtain(runB, profileB, "b")
        }
        let qids = queries.map(\.qid)
        let comparison = Comparison.compare(
            Evaluation.evaluate(a, qrels: qrels, queries: qids, metrics: metrics),
            Evaluation.evaluate(b, qrels: qrels, queries: qids, metrics: metrics),
            nameA: nameA, nameB: nameB, queries: queries, permutations: permutations)
        if json { try printJSON(comparison) } else { print(comparison.table, terminator: "") }
    }
}

struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune", abstract: "Suggest profile weights that maximise a metric on a training set (never publishes).")

    @OptionGroup var context: EvalContext
    @Option(help: "Held-out query set to report.") var testQueries: String?
    @Option(help: "Judgments of the held-out set.") var testQrels: String?
    @Option(help: "Profile to start from.") var profile = "default"
    @Option(help: "Metric to maximise.") var metric = "ndcg@10"
    @Option(help: "Restarts after the first ascent.") var restarts = 3
    @Option(help: "Write the suggested profile here (JSON).") var out: String
    @Option var seed: UInt64 = 7

    func run() throws {
        let (queries, qrels, _) = try context.load()
        guard let m = Metric(metric) else { throw CLIError("--metric: unknown metric \"\(metric)\"") }
        let set = try context.profileSet()
        let start = try context.profile(profile, in: set)
        let search = try context.searcher()
        var tuner = Tuner(search: search, asOf: context.engine.asOf)
        tuner.restarts = restarts
        let result = try tuner.tune(queries, qrels: qrels, start: start, metric: m, seed: seed) { note($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(result.tuned) + Data("\n".utf8)).write(to: URL(fileURLWithPath: out))
        print(
            String(
                format: "%@ on train (%d queries): %.4f → %.4f  (%d trials, %.0f s)", m.description, queries.count,
                result.trainStart, result.trainTuned, result.trials, result.seconds))
        if let tq = testQueries, let tr = testQrels {
            let testQ = try QuerySetFile.read(URL(fileURLWithPath: tq))
            let testJ = try Qrels.read(URL(fileURLWithPath: tr))
            let evaluator = Evaluator(search: search, asOf: context.engine.asOf)
            let a = Evaluation.evaluate(
                try evaluator.run(testQ, profiles: set, draft: start, tag: start.name), qrels: testJ, queries: testQ.map(\.qid))
            let b = Evaluation.evaluate(
                try evaluator.run(testQ, profiles: set, draft: result.tuned, tag: "tuned"), qrels: testJ, queries: testQ.map(\.qid))
            print("held-out test set:")
            print(Comparison.compare(a, b, nameA: start.name, nameB: "tuned", queries: testQ).table, terminator: "")
        }
        print("suggested profile written to \(out); publish it with PUT /v1/profiles/{name} if you agree")
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Play buyers against the live ranking; write interaction logs and judgments from them.")

    @OptionGroup var context: EvalContext
    @Option(help: "Sessions per query.") var sessions = 20
    @Option(help: "Interaction log to write (JSONL).") var out: String
    @Option(help: "Also write judgments derived from the log (TREC qrels).") var qrelsOut: String?
    @Option var seed: UInt64 = 1

    func run() throws {
        let (queries, qrels, _) = try context.load()
        var simulator = BuyerSimulator(search: try context.searcher())
        simulator.sessionsPerQuery = sessions
        let log = try simulator.simulate(queries, qrels: qrels, profiles: try context.profileSet(), seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for e in log { data.append(try encoder.encode(e)); data.append(0x0A) }
        try data.write(to: URL(fileURLWithPath: out))
        print("\(log.count) impressions, \(log.filter(\.clicked).count) clicks, \(log.filter(\.ordered).count) orders → \(out)")
        if let qrelsOut {
            let judged = LogJudgments.qrels(from: log)
            try judged.format().write(toFile: qrelsOut, atomically: true, encoding: .utf8)
            print("\(judged.grades.values.reduce(0) { $0 + $1.count }) judgments from behaviour → \(qrelsOut)")
        }
    }
}
