import Foundation
import HuopanCatalog
import HuopanCorpus

/// Run B against run A on one query set: per metric, the means, the mean
/// difference, wins/ties/losses of B, and a two-sided paired randomization
/// test (Smucker, Allan & Carterette 2007): under the null hypothesis the sign
/// of each per-query difference is arbitrary, so the p-value is the share of
/// random sign assignments whose mean difference is at least as large in size.
public struct Comparison: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var metric: String
        public var meanA: Double
        public var meanB: Double
        public var delta: Double
        public var wins: Int
        public var ties: Int
        public var losses: Int
        public var pValue: Double

        enum CodingKeys: String, CodingKey {
            case metric, meanA = "mean_a", meanB = "mean_b", delta, wins, ties, losses, pValue = "p_value"
        }
    }

    public struct Mover: Codable, Sendable {
        public var qid: String
        public var query: String
        public var a: Double
        public var b: Double
        public var delta: Double
    }

    public var nameA: String
    public var nameB: String
    public var queries: Int
    public var permutations: Int
    public var rows: [Row]
    /// Queries that moved most on the first metric, largest change first.
    public var movers: [Mover]

    enum CodingKeys: String, CodingKey {
        case nameA = "a", nameB = "b", queries, permutations, rows, movers
    }

    public static func compare(
        _ a: Evaluation, _ b: Evaluation, nameA: String, nameB: String,
        queries: [JudgedQuery], permutations: Int = 10_000, seed: UInt64 = 42, movers: Int = 10
    ) -> Comparison {
        let qids = queries.map(\.qid)
        var rows: [Row] = []
        for m in a.metrics where b.metrics.contains(m) {
            let name = m.description
            let diffs = qids.map { (b.perQuery[$0]?[name] ?? 0) - (a.perQuery[$0]?[name] ?? 0) }
            rows.append(
                Row(
                    metric: name, meanA: a.means[name] ?? 0, meanB: b.means[name] ?? 0,
                    delta: (b.means[name] ?? 0) - (a.means[name] ?? 0),
                    wins: diffs.filter { $0 > 1e-12 }.count, ties: diffs.filter { abs($0) <= 1e-12 }.count,
                    losses: diffs.filter { $0 < -1e-12 }.count,
                    pValue: randomizationTest(diffs, permutations: permutations, seed: seed)))
        }
        var moved: [Mover] = []
        if let first = a.metrics.first?.description {
            moved = queries.map { q in
                let x = a.perQuery[q.qid]?[first] ?? 0, y = b.perQuery[q.qid]?[first] ?? 0
                return Mover(qid: q.qid, query: q.query, a: x, b: y, delta: y - x)
            }.filter { abs($0.delta) > 1e-12 }.sorted { abs($0.delta) > abs($1.delta) }.prefix(movers).map { $0 }
        }
        return Comparison(nameA: nameA, nameB: nameB, queries: qids.count, permutations: permutations, rows: rows, movers: moved)
    }

    /// Two-sided paired randomization test on per-query differences; p = (extreme + 1) / (permutations + 1).
    public static func randomizationTest(_ diffs: [Double], permutations: Int, seed: UInt64) -> Double {
        guard !diffs.isEmpty else { return 1 }
        let observed = abs(diffs.reduce(0, +))
        guard observed > 1e-12 else { return 1 }
        var rng = SeededRandom(seed: seed)
        var extreme = 0
        for _ in 0..<permutations {
            var sum = 0.0
            for d in diffs { sum += rng.next() & 1 == 0 ? d : -d }
            if abs(sum) >= observed - 1e-12 { extreme += 1 }
        }
        return Double(extreme + 1) / Double(permutations + 1)
    }

    /// A plain-text table for terminals and notes.
    public var table: String {
        var table = TextTable(["metric", nameA, nameB, "delta", "win", "tie", "loss", "p"])
        for r in rows {
            table.add([
                r.metric, String(format: "%.4f", r.meanA), String(format: "%.4f", r.meanB), String(format: "%+.4f", r.delta),
                String(r.wins), String(r.ties), String(r.losses), String(format: "%.4f", r.pValue),
            ])
        }
        var out = table.render()
        if !movers.isEmpty {
            out += "\nmoved most (\(rows.first?.metric ?? "")):\n"
            for m in movers { out += String(format: "  %@  %+.4f  (%.4f → %.4f)  %@\n", m.qid, m.delta, m.a, m.b, m.query) }
        }
        return out
    }
}
