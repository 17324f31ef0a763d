import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct ScorerTests {
    @Test func scoreIsTheWeightedSumAndExplanationsAddUp() throws {
        let profiles = try ProfileSet.load(directory: Fixtures.corpora.appendingPathComponent("profiles"))
        let cs = (0..<20).map { i in
            candidate(
                Fixtures.offer(
                    "o\(i)", title: i % 2 == 0 ? "保温杯 礼盒" : "不锈钢 保温杯", supplier: "s\(i % 5)",
                    kind: i % 3 == 0 ? .factory : .tradingCompany, tiers: [(1, Double(5 + i))], moq: i,
                    dropship: i % 2 == 0, customization: i % 4 == 0 ? [.logo] : [], listedAt: "2026-0\(1 + i % 9)-01"),
                text: Double(i), docid: UInt32(i))
        }
        let w = window(cs, qty: 20)
        for profile in profiles.profiles.values where profile.target == .offers {
            let scorer = Scorer(profile: profile)
            for c in cs {
                let e = scorer.explain(c, in: w)
                // The score that ranks (no explanation) is the sum the explanation shows, and
                // each contribution is recomputed here from the feature's own value and weight.
                #expect(abs(e.contributions.values.reduce(0, +) - scorer.score(c, in: w)) < 1e-9)
                for feature in Features.all where profile.weight(type(of: feature.feature).name) > 0 {
                    let name = type(of: feature.feature).name
                    let value = feature.feature.value(c, in: w)
                    #expect((0...1).contains(value), "\(name) = \(value)")
                    #expect(abs((e.contributions[name] ?? .nan) - value * profile.weight(name)) < 1e-12, "\(name)")
                }
            }
        }
    }

    @Test func zeroWeightsAreLeftOut() {
        let p = RankingProfile(name: "t", weights: ["sales": 1, "rating": 0])
        #expect(Scorer(profile: p).active.map(\.name) == ["sales"])
    }
}
