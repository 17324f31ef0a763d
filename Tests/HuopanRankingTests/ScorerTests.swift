import HuopanCatalog
import HuopanTestSupport
import Testing
@testable import HuopanRanking

@Suite struct ScorerTests {
    @Test func scoreIsTheWeightedSumAndExplanationsAddUp() throws {
        let profiles = try ProfileSet.load(directory: Fixtures.corpora.appendingPathComponent("profiles"))
        let cs = (0..<20).map { i in
            candidate(Fixtures.offer("o\(i)", title: i % 2 == 0 ? "保温杯 礼盒" : "不锈钢 保温杯", supplier: "s\(i % 5)",
                                     kind: i % 3 == 0 ? .factory : .tradingCompany, tiers: [(1, Double(5 + i))], moq: i,
                                     dropship: i % 2 == 0, customization: i % 4 == 0 ? [.logo] : [], listedAt: "2026-0\(1 + i % 9)-01"),
                      text: Double(i), docid: UInt32(i))
        }
        let w = window(cs, qty: 20)
        for profile in profiles.profiles.values {
            let scorer = Scorer(profile: profile)
            for c in cs {
                let e = scorer.explain(c, in: w)
                #expect(abs(e.contributions.values.reduce(0, +) - e.score) < 1e-9)
                #expect(abs(scorer.score(c, in: w) - e.score) < 1e-9)
                for (f, v) in e.values {
                    #expect((0...1).contains(v), "\(f) = \(v)")
                    #expect(abs(e.contributions[f]! - v * profile.weight(f)) < 1e-12)
                }
            }
        }
    }

    @Test func zeroWeightsAreLeftOut() {
        let p = RankingProfile(name: "t", weights: ["sales": 1, "rating": 0])
        #expect(Scorer(profile: p).active.map(\.name) == ["sales"])
    }
}
