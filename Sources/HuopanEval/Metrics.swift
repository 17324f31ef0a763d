import Foundation

/// An evaluation measure at a cutoff, following trec_eval's definitions:
/// an offer is relevant when its grade is ≥ 1 (trec_eval's relevance level 1),
/// unjudged offers count as grade 0.
public enum Metric: Hashable, Sendable, Codable, CustomStringConvertible, CaseIterable {
    /// nDCG@k with linear gain (gain = grade; trec_eval's `ndcg_cut_k`), log2(rank + 1) discount.
    case ndcg(Int)
    /// nDCG@k with exponential gain 2^grade − 1 (Burges et al.), same discount.
    case ndcgExp(Int)
    /// Expected reciprocal rank (Chapelle et al.), R = (2^grade − 1) / 2^3.
    case err(Int)
    /// Mean average precision over the whole run (trec_eval's `map`).
    case map
    /// Reciprocal rank of the first relevant offer (trec_eval's `recip_rank`).
    case mrr
    /// Relevant offers in the top k, divided by k (trec_eval's `P_k`).
    case precision(Int)
    /// Relevant offers in the top k, divided by all relevant offers (trec_eval's `recall_k`).
    case recall(Int)

    public static let allCases: [Metric] = [.ndcg(10), .ndcgExp(10), .err(10), .map, .mrr, .precision(10), .recall(100)]

    public var description: String {
        switch self {
        case .ndcg(let k): "ndcg@\(k)"
        case .ndcgExp(let k): "ndcg_exp@\(k)"
        case .err(let k): "err@\(k)"
        case .map: "map"
        case .mrr: "mrr"
        case .precision(let k): "p@\(k)"
        case .recall(let k): "recall@\(k)"
        }
    }

    /// Parses `ndcg@10`, `ndcg_exp@20`, `err@10`, `map`, `mrr`, `p@5`, `recall@100`.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 2 else { return nil }
        let k = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2, k == nil || k! < 1 { return nil }
        switch (parts[0], k) {
        case ("ndcg", let k?): self = .ndcg(k)
        case ("ndcg_exp", let k?): self = .ndcgExp(k)
        case ("err", let k?): self = .err(k)
        case ("map", nil): self = .map
        case ("mrr", nil): self = .mrr
        case ("p", let k?), ("precision", let k?): self = .precision(k)
        case ("recall", let k?): self = .recall(k)
        default: return nil
        }
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let m = Metric(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown metric \"\(s)\""))
        }
        self = m
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The value for one query. `ranking` is the run's order; `judged` the
    /// query's grades. A query without relevant offers scores 0 on every
    /// measure, as in trec_eval.
    public func value(ranking: [String], judged: [String: Int]) -> Double {
        let grades = ranking.map { judged[$0] ?? 0 }
        let relevantCount = judged.values.filter { $0 >= 1 }.count
        switch self {
        case .ndcg(let k): return Self.ndcg(grades, judged, k) { Double($0) }
        case .ndcgExp(let k): return Self.ndcg(grades, judged, k) { pow(2, Double($0)) - 1 }
        case .err(let k):
            var err = 0.0, notYet = 1.0
            for (i, g) in grades.prefix(k).enumerated() {
                let r = (pow(2, Double(max(0, g))) - 1) / 8
                err += notYet * r / Double(i + 1)
                notYet *= 1 - r
            }
            return relevantCount == 0 ? 0 : err
        case .map:
            guard relevantCount > 0 else { return 0 }
            var hits = 0, sum = 0.0
            for (i, g) in grades.enumerated() where g >= 1 {
                hits += 1
                sum += Double(hits) / Double(i + 1)
            }
            return sum / Double(relevantCount)
        case .mrr:
            guard let i = grades.firstIndex(where: { $0 >= 1 }) else { return 0 }
            return 1 / Double(i + 1)
        case .precision(let k):
            return Double(grades.prefix(k).filter { $0 >= 1 }.count) / Double(k)
        case .recall(let k):
            guard relevantCount > 0 else { return 0 }
            return Double(grades.prefix(k).filter { $0 >= 1 }.count) / Double(relevantCount)
        }
    }

    private static func ndcg(_ grades: [Int], _ judged: [String: Int], _ k: Int, gain: (Int) -> Double) -> Double {
        func dcg(_ gs: some Sequence<Int>) -> Double {
            var s = 0.0
            for (i, g) in gs.enumerated() where g > 0 { s += gain(g) / log2(Double(i + 2)) }
            return s
        }
        let ideal = dcg(judged.values.filter { $0 > 0 }.sorted(by: >).prefix(k))
        return ideal == 0 ? 0 : dcg(grades.prefix(k)) / ideal
    }
}

/// Metric values per query and their means.
public struct Evaluation: Codable, Sendable {
    public var metrics: [Metric]
    /// qid → metric name → value.
    public var perQuery: [String: [String: Double]]
    /// metric name → mean over every query of the set (a query with no results
    /// scores 0, as with trec_eval -c).
    public var means: [String: Double]
    public var queries: Int

    enum CodingKeys: String, CodingKey { case metrics, perQuery = "per_query", means, queries }

    public static func evaluate(_ run: Run, qrels: Qrels, queries: [String], metrics: [Metric] = Metric.allCases) -> Evaluation {
        var per: [String: [String: Double]] = [:]
        for qid in queries {
            let ranking = run.ranking(qid)
            let judged = qrels.grades[qid] ?? [:]
            per[qid] = Dictionary(uniqueKeysWithValues: metrics.map { ($0.description, $0.value(ranking: ranking, judged: judged)) })
        }
        var means: [String: Double] = [:]
        for m in metrics {
            means[m.description] = queries.isEmpty ? 0 : queries.reduce(0) { $0 + (per[$1]?[m.description] ?? 0) } / Double(queries.count)
        }
        return Evaluation(metrics: metrics, perQuery: per, means: means, queries: queries.count)
    }
}
