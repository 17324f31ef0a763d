import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanEval
import HuopanRanking

/// The behaviour loop against simulated buyers with a hidden preference
/// (`HiddenPreference`): how close implicit judgments get to it, what tuning on them does
/// to held-out queries, and how many impressions an interleaving experiment needs to tell
/// profiles apart at several effect sizes (with the false-positive rate of a profile
/// against itself).
struct ExperimentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiments",
        abstract: "Implicit judgments, tuning on them, and interleaving power against buyers with a hidden preference.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "The catalog the index holds (JSONL; for the buyers' taste).") var catalog =
        CorporaDefaults.path("sample/offers.jsonl") ?? "offers.jsonl"
    @Option(help: "Directory with train and test judged sets (relevance the buyers share).") var judgments =
        CorporaDefaults.path("judgments") ?? "judgments"
    @Option(help: "Searches per training query for the implicit judgments.") var perQuery = 80
    @Option(help: "Independent experiments per effect size.") var runs = 20
    @Option(help: "Impressions per experiment (checkpoints are taken up to this).") var impressions = 4_000
    @Option(help: "The day that counts as today.") var today = "2026-11-20"
    @Option(help: "Sections to run, comma-separated: judgments (implicit judgments and tuning), power, cost.")
    var sections = "judgments,power,cost"

    func run() throws {
        warnIfDebug()
        let dir = URL(fileURLWithPath: judgments)
        let train = try QuerySetFile.read(dir.appendingPathComponent("train.queries.tsv"))
        let test = try QuerySetFile.read(dir.appendingPathComponent("test.queries.tsv"))
        var relevance = try Qrels.read(dir.appendingPathComponent("train.qrels"))
        let trainQrels = relevance
        for (qid, grades) in try Qrels.read(dir.appendingPathComponent("test.qrels")).grades { relevance.grades[qid] = grades }
        var tastes: [String: Double] = [:]
        for line in try String(contentsOfFile: catalog, encoding: .utf8).split(separator: "\n") {
            guard let o = try? JSONValue.parse(Array(line.utf8)), let id = o["id"]?.stringValue else { continue }
            tastes[id] = HiddenPreference.taste(o)
        }
        let preference = HiddenPreference(relevance: relevance, tastes: tastes)
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        guard let start = profiles.profile(named: ProfileSet.defaultName) else { throw CLIError("no default profile") }
        print(
            "index: \(try engine.index.documentCount()) offers; \(train.count) training and \(test.count) held-out queries; \(tastes.count) offers with a taste"
        )

        let buyers = PreferenceBuyers(preference: preference, asOf: today)
        var evaluator = Evaluator(search: engine.offers, asOf: today)
        evaluator.depth = 10
        func metric(_ p: RankingProfile, _ queries: [JudgedQuery]) throws -> Double {
            preference.meanNDCG(try evaluator.run(queries, profiles: profiles, draft: p, tag: p.name), queries)
        }
        let chosen = Set(sections.split(separator: ",").map(String.init))
        if chosen.contains("judgments") {
            try judgmentsAndTuning(
                buyers, preference, engine, train: train, test: test, trainQrels: trainQrels, start: start, metric: metric)
        }
        // Only searches the default profile ranks take part: keep the queries it ranks.
        let pool = try (train + test).filter {
            try engine.offers.plan(SearchRequest(q: $0.query, intent: $0.intent, qty: $0.qty, channel: $0.channel), profiles: profiles)
                .profile.name == start.name
        }
        if chosen.contains("power") { try power(buyers, engine, pool: pool, start: start, metric: metric) }
        if chosen.contains("cost") { try cost(engine, pool: pool, start: start) }
    }

    /// Implicit judgments from the buyers, their agreement with the hidden preference, and
    /// tuning on them against tuning on the generated judgments.
    func judgmentsAndTuning(
        _ buyers: PreferenceBuyers, _ preference: HiddenPreference, _ engine: Engine, train: [JudgedQuery], test: [JudgedQuery],
        trainQrels: Qrels, start: RankingProfile, metric: (RankingProfile, [JudgedQuery]) throws -> Double
    ) throws {
        let began = Date()
        var log = PreferenceBuyers.Log()
        try buyers.run(engine: engine, queries: train, impressions: perQuery * train.count, seed: 1, log: &log)
        let implicit = ImplicitJudgments(model: .coec, minImpressions: 10).derive(searches: log.searches, events: log.events)
        var agreement = (implicit: [Double](), generated: [Double]())
        for q in train {
            guard let fromBehaviour = implicit.qrels.grades[ImplicitJudgments.qid(for: q.query)], let generated = trainQrels.grades[q.qid]
            else {
                continue
            }
            let common = Set(fromBehaviour.keys).intersection(generated.keys)
            if let i = preference.agreement(fromBehaviour.filter { common.contains($0.key) }, q.qid),
                let g = preference.agreement(generated.filter { common.contains($0.key) }, q.qid)
            {
                agreement.implicit.append(i)
                agreement.generated.append(g)
            }
        }
        print(
            String(
                format: "buyers: %d searches, %d events → %d implicit judgments on %d queries (%.1f s)", log.searches.count,
                log.events.count, implicit.evidence.count, implicit.queries.count, Date().timeIntervalSince(began)))
        print(
            String(
                format:
                    "agreement with the hidden preference (Kendall τ-b over offers both grade, %d queries): implicit %.3f, generated %.3f",
                agreement.implicit.count, mean(agreement.implicit), mean(agreement.generated)))
        let tuner = Tuner(search: engine.offers, asOf: today)
        let onImplicit = try tuner.tune(implicit.queries.map { $0.query }, qrels: implicit.qrels, start: start, metric: .ndcg(10))
        let onGenerated = try tuner.tune(train, qrels: trainQrels, start: start, metric: .ndcg(10))
        let before = try metric(start, test)
        print("hidden-preference nDCG@10 on \(test.count) held-out queries:")
        print("  " + "default".padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: " %.4f", before))
        for (name, result) in [("tuned on implicit judgments", onImplicit), ("tuned on generated judgments", onGenerated)] {
            let after = try metric(result.tuned, test)
            print(
                "  " + name.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + String(format: " %.4f  (%+.4f, ×%.3f; tuning %.0f s)", after, after - before, after / before, result.seconds))
        }

    }

    /// Interleaving: the share of experiments that name the better profile after n
    /// impressions, per effect size.
    func power(
        _ buyers: PreferenceBuyers, _ engine: Engine, pool: [JudgedQuery], start: RankingProfile,
        metric: (RankingProfile, [JudgedQuery]) throws -> Double
    ) throws {
        let worse = HiddenPreference.serviceTradedForPrice(start)
        let checkpoints = [100, 250, 500, 1_000, 2_000, 4_000, 8_000, 16_000].filter { $0 <= impressions }
        print("\ninterleaving: default against each treatment; \(runs) experiments per row over \(pool.count) queries the default ranks")
        print("power = share of experiments at p < 0.05 naming the profile with the higher hidden nDCG@10 (against itself: any p < 0.05)")
        func column(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        print(
            column("treatment", 16) + column("Δ nDCG@10", 11) + column("preference", 11) + checkpoints.map { column("n=\($0)", 8) }.joined()
                + "needed (80%)")
        var blends: [(String, RankingProfile)] = [("BM25 only", Evaluator.bm25Only)]
        for (label, blend) in [("worse", 1.0), ("½ worse", 0.5), ("¼ worse", 0.25), ("itself", 0.0)] {
            var treatment = start
            for f in Set(start.weights.keys).union(worse.weights.keys) {
                treatment.weights[f] = (1 - blend) * start.weight(f) + blend * worse.weight(f)
            }
            blends.append((label, treatment))
        }
        for (row, (label, treatment)) in blends.enumerated() {
            let same = label == "itself"
            let delta = same ? 0 : try metric(treatment, pool) - metric(start, pool)
            var significant = [Int](repeating: 0, count: checkpoints.count)
            var preferences: [Double] = []
            for r in 0..<runs {
                let name = "bench-\(row)-\(r)"
                let e = try engine.profiles.startExperiment(
                    Experiment(name: name, control: start.name, treatmentDraft: treatment, share: 1), author: "bench")
                var runLog = PreferenceBuyers.Log()
                try buyers.run(engine: engine, queries: pool, impressions: impressions, seed: 1_000 + UInt64(r), log: &runLog)
                _ = try engine.profiles.stopExperiment(name, author: "bench")
                // Events in search order, so a prefix of searches has a prefix of events.
                var eventEnd = 0
                let position = Dictionary(uniqueKeysWithValues: runLog.searches.enumerated().map { ($1.queryId, $0) })
                let events = runLog.events.sorted { position[$0.queryId]! < position[$1.queryId]! }
                for (k, n) in checkpoints.enumerated() {
                    while eventEnd < events.count, position[events[eventEnd].queryId]! < n { eventEnd += 1 }
                    let report = ExperimentReport.build(
                        e, searches: Array(runLog.searches.prefix(n)), events: Array(events.prefix(eventEnd)))
                    let o = report.interleaving!
                    if o.pValue < 0.05 && (same || (o.preference > 0) == (delta > 0)) { significant[k] += 1 }
                    if n == checkpoints.last { preferences.append(o.preference) }
                }
            }
            let power = significant.map { Double($0) / Double(runs) }
            let needed = same ? "—" : zip(checkpoints, power).first { $0.1 >= 0.8 }.map { "\($0.0)" } ?? "> \(checkpoints.last!)"
            print(
                column(label, 16) + column(String(format: "%+.4f", delta), 11) + column(String(format: "%+.4f", mean(preferences)), 11)
                    + power.map { column(String(format: "%.2f", $0), 8) }.joined() + needed)
        }
    }

    /// What taking part in an interleaving experiment costs a search: the same searches (one
    /// client each, result cache warm) without and with an experiment on every client.
    func cost(_ engine: Engine, pool: [JudgedQuery], start: RankingProfile) throws {
        var rng = SeededRandom(seed: 3)
        let requests = (0..<6_000).map { i -> SearchRequest in
            let q = pool[Int(rng.next() % UInt64(pool.count))]
            var r = SearchRequest(q: q.query, intent: q.intent, qty: q.qty, channel: q.channel, size: 20, asOf: today)
            r.clientId = "cost-\(i)"
            return r
        }
        let uncached = try self.engine.engine { $0.resultCache = ResultCache.Limits(bytes: 0) }
        for (label, e) in [("result cache warm", engine), ("result cache off", uncached)] {
            for r in requests.prefix(1_000) { _ = try e.search(r) }
            var plain = Latencies()
            for r in requests { _ = try plain.time { try e.search(r) } }
            let name = "bench-cost-\(label.hasSuffix("off") ? "off" : "on")"
            _ = try e.profiles.startExperiment(
                Experiment(name: name, control: start.name, treatmentDraft: HiddenPreference.serviceTradedForPrice(start), share: 1),
                author: "bench")
            for r in requests.prefix(1_000) { _ = try e.search(r) }
            var mixed = Latencies()
            for r in requests { _ = try mixed.time { try e.search(r) } }
            _ = try e.profiles.stopExperiment(name, author: "bench")
            printPair(
                "\ncost of an interleaving experiment to a search (\(requests.count) searches over \(pool.count) queries, \(label)):",
                ("no experiment", plain), ("interleaved", mixed), ratio: "interleaved/none")
        }
    }
}

private func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
