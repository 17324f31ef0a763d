import Foundation
import Testing

@testable import HuopanEval

@Suite struct MetricsTests {
    let judged = ["a": 3, "b": 1, "c": 0, "d": 2]
    let ranking = ["a", "c", "b", "x"]

    @Test func valuesMatchTrecEvalByHand() {
        // Worked by hand; pytrec_eval gives the same (Tools/check_trec_eval.py).
        #expect(abs(Metric.map.value(ranking: ranking, judged: judged) - (1 + 2.0 / 3) / 3) < 1e-12)
        #expect(Metric.mrr.value(ranking: ranking, judged: judged) == 1)
        #expect(Metric.precision(10).value(ranking: ranking, judged: judged) == 0.2)
        #expect(abs(Metric.recall(100).value(ranking: ranking, judged: judged) - 2.0 / 3) < 1e-12)
        let dcg = 3.0 + 1 / log2(4.0)
        let idcg = 3.0 + 2 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(Metric.ndcg(10).value(ranking: ranking, judged: judged) - dcg / idcg) < 1e-12)
        let dcgExp = 7.0 + 1 / log2(4.0), idcgExp = 7.0 + 3 / log2(3.0) + 1 / log2(4.0)
        #expect(abs(Metric.ndcgExp(10).value(ranking: ranking, judged: judged) - dcgExp / idcgExp) < 1e-12)
        // ERR: R(3) = 7/8 at rank 1, R(0) = 0 at rank 2, R(1) = 1/8 at rank 3.
        #expect(abs(Metric.err(10).value(ranking: ranking, judged: judged) - (7.0 / 8 + (1.0 / 8) * (1.0 / 8) / 3)) < 1e-12)
    }

    @Test func queriesWithoutRelevantOffersScoreZero() {
        for m in Metric.allCases {
            #expect(m.value(ranking: ["a", "b"], judged: ["a": 0]) == 0)
            #expect(m.value(ranking: [], judged: judged) == 0)
        }
    }

    @Test func cutoffsAndParsing() {
        #expect(Metric.precision(1).value(ranking: ranking, judged: judged) == 1)
        #expect(Metric.precision(2).value(ranking: ranking, judged: judged) == 0.5)
        #expect(Metric("ndcg@5") == .ndcg(5) && Metric("NDCG_EXP@3") == .ndcgExp(3) && Metric("p@10") == .precision(10))
        #expect(Metric("map") == .map && Metric("ndcg") == nil && Metric("ndcg@0") == nil && Metric("bogus@3") == nil)
        for bad in ["", "@", "@@", "ndcg@", "@10", "map@1@2", "p@-1", "ndcg@99999999999999999999"] { #expect(Metric(bad) == nil, "\(bad)") }
    }

    @Test func meansCountEveryQueryOfTheSet() {
        var run = Run(tag: "t")
        run.results["q1"] = [("a", 2), ("b", 1)]
        let qrels = Qrels(["q1": ["a": 1], "q2": ["z": 3]])
        let e = Evaluation.evaluate(run, qrels: qrels, queries: ["q1", "q2"], metrics: [.mrr])
        #expect(e.perQuery["q1"]?["mrr"] == 1 && e.perQuery["q2"]?["mrr"] == 0)
        #expect(e.means["mrr"] == 0.5)
    }
}
