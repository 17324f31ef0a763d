import Testing

@testable import HuopanEval

@Suite struct ComparisonTests {
    func evaluation(_ values: [Double]) -> Evaluation {
        var per: [String: [String: Double]] = [:]
        for (i, v) in values.enumerated() { per["q\(i)"] = ["mrr": v] }
        return Evaluation(metrics: [.mrr], perQuery: per, means: ["mrr": values.reduce(0, +) / Double(values.count)], queries: values.count)
    }

    @Test func identicalRunsAreNotDifferent() {
        let a = evaluation([0.5, 1, 0.2, 0.7])
        let c = Comparison.compare(a, a, nameA: "a", nameB: "b", queries: (0..<4).map { JudgedQuery(qid: "q\($0)", query: "") })
        #expect(c.rows[0].pValue == 1 && c.rows[0].ties == 4 && c.rows[0].delta == 0 && c.movers.isEmpty)
    }

    @Test func aConsistentGainIsSignificantAndANoisyOneIsNot() {
        let qs = (0..<40).map { JudgedQuery(qid: "q\($0)", query: "query \($0)") }
        let levels: [Double] = (0..<40).map { i in Double(i % 5) / 10 }
        let base = evaluation(levels)
        let better = evaluation(levels.map { v in v + 0.1 })
        let c = Comparison.compare(base, better, nameA: "a", nameB: "b", queries: qs)
        #expect(c.rows[0].wins == 40 && c.rows[0].pValue < 0.001 && abs(c.rows[0].delta - 0.1) < 1e-9)
        let noisy = evaluation(levels.indices.map { i in levels[i] + (i % 2 == 0 ? 0.1 : -0.1) })
        #expect(Comparison.compare(base, noisy, nameA: "a", nameB: "b", queries: qs).rows[0].pValue > 0.5)
        #expect(c.movers.count == 10 && c.table.contains("mrr"))
    }
}
