import HuopanCatalog
import HuopanIndex
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct ServiceFeatureTests {
    func with(_ stats: OfferStats) -> Candidate { candidate(Fixtures.offer("x", title: "杯", stats: stats)) }

    @Test func formulas() {
        let w = window([])
        let c = with(OfferStats(ship72hRate: 0.8, replyRate: 0.6, replyMinutes: 30, disputeRate: 0.025, returnRate: 0.3))
        #expect(abs(Ship72h().value(c, in: w) - 0.8) < 1e-6)
        #expect(abs(ReplyRate().value(c, in: w) - 0.6) < 1e-6)
        #expect(ReplySpeed().value(c, in: w) == 0.5)
        #expect(abs(LowDisputes().value(c, in: w) - 0.5) < 1e-6)
        #expect(LowReturns().value(c, in: w) == 0)
        #expect(ReplySpeed().value(with(OfferStats(replyMinutes: 0)), in: w) == 1)
    }
}
