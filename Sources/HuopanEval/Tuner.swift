import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanIndex
import HuopanRanking

/// Suggests profile weights learned from judgments: coordinate ascent with
/// random restarts (Metzler & Croft 2007) maximising a metric on a training
/// set. First-phase retrieval does not depend on feature weights, so it runs
/// once per query; every trial only re-ranks the cached windows. The result is
/// a suggestion written to a file; publishing it is an operator's decision.
public struct Tuner: Sendable {
    public let search: OfferSearch
    public var depth = 100
    public var passes = 4
    public var restarts = 3
    /// Multipliers tried for a weight (and additions from zero).
    public var steps: [Double] = [0, 0.25, 0.5, 0.8, 1.25, 2, 4]

    /// The day that counts as today (`YYYY-MM-DD`).
    public var asOf: String?

    public init(search: OfferSearch, asOf: String? = nil) {
        self.search = search
        self.asOf = asOf
    }

    struct Cached: @unchecked Sendable {
        let plan: SearchPlan
        let retrieval: Retrieval
        let ids: [UInt32: String]
    }

    public struct Result: Codable, Sendable {
        public var metric: String
        public var start: RankingProfile
        public var tuned: RankingProfile
        public var trainStart: Double
        public var trainTuned: Double
        public var trials: Int
        public var seconds: Double

        enum CodingKeys: String, CodingKey {
            case metric, start, tuned, trainStart = "train_start", trainTuned = "train_tuned", trials, seconds
        }
    }

    public func tune(
        _ queries: [JudgedQuery], qrels: Qrels, start: RankingProfile, metric: Metric, seed: UInt64 = 7,
        log: (String) -> Void = { _ in }
    ) throws -> Result {
        let began = Date()
        let profiles = ProfileSet([start])
        var cache: [Cached] = []
        for q in queries {
            let request = SearchRequest(q: q.query, intent: q.intent, qty: q.qty, channel: q.channel, size: depth, asOf: asOf)
            let plan = try search.plan(request, profiles: profiles, draft: start)
            let retrieval = try search.index.withDatabase { db in try Retriever.retrieve(plan.retrievalRequest, in: db) }
            let data = try search.index.withDatabase { try $0.data(of: retrieval.candidates.map(\.docid)) }
            var ids: [UInt32: String] = [:]
            for (c, d) in zip(retrieval.candidates, data) {
                if let d, case .string(let id)? = (try? HuopanCatalog.JSONValue.parse(d))?["id"] { ids[c.docid] = id }
            }
            cache.append(Cached(plan: plan, retrieval: retrieval, ids: ids))
        }
        var trials = 0
        func score(_ weights: [String: Double]) throws -> Double {
            trials += 1
            var profile = start
            profile.weights = weights
            var total = 0.0
            for (q, c) in zip(queries, cache) {
                var plan = c.plan
                plan.profile = profile
                let (ranked, order, _) = try search.rank(c.retrieval, plan)
                let ranking = order.prefix(depth).compactMap { c.ids[ranked[$0.index].candidate.docid] }
                total += metric.value(ranking: ranking, judged: qrels.grades[q.qid] ?? [:])
            }
            return queries.isEmpty ? 0 : total / Double(queries.count)
        }
        let features = Features.names
        let startScore = try score(start.weights)
        var best = (weights: start.weights, score: startScore)
        var rng = SeededRandom(seed: seed)
        for restart in 0...restarts {
            var weights = start.weights
            if restart > 0 {
                for f in features {
                    weights[f] = (weights[f] ?? 0) * exp(0.7 * rng.normal()) + (rng.chance(0.2) ? rng.uniform(0...0.5) : 0)
                }
            }
            var current = try score(weights)
            for pass in 0..<passes {
                var improved = false
                for f in features {
                    let w = weights[f] ?? 0
                    let candidates = w == 0 ? [0.1, 0.25, 0.5, 1, 2] : steps.map { w * $0 }
                    for c in candidates where c != w {
                        var trial = weights
                        trial[f] = c
                        guard trial.values.contains(where: { $0 > 0 }) else { continue }
                        let s = try score(trial)
                        if s > current + 1e-6 { current = s; weights = trial; improved = true }
                    }
                }
                log(String(format: "restart %d pass %d: %@ %.4f", restart, pass + 1, metric.description, current))
                if !improved { break }
            }
            if current > best.score + 1e-9 { best = (weights, current) }
        }
        var tuned = start
        tuned.weights = best.weights.filter { $0.value > 0 }.mapValues { ($0 * 1000).rounded() / 1000 }
        tuned.description = "Suggested by huopan tune from \(start.name) for \(metric) on \(queries.count) training queries"
        return Result(
            metric: metric.description, start: start, tuned: tuned, trainStart: startScore, trainTuned: best.score,
            trials: trials, seconds: Date().timeIntervalSince(began))
    }
}
