import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct ProductFeatureTests {
    func with(_ stats: OfferStats) -> Candidate { candidate(Fixtures.offer("x", title: "杯", stats: stats)) }

    @Test func salesAndBuyersAreLogScaledAndCapped() {
        let w = window([])
        #expect(Sales().value(with(OfferStats(sales30d: 0)), in: w) == 0)
        #expect(abs(Sales().value(with(OfferStats(sales30d: 141)), in: w) - log(142) / log(20_001)) < 1e-12)
        #expect(Sales().value(with(OfferStats(sales30d: 10_000_000)), in: w) == 1)
        #expect(Buyers().value(with(OfferStats(buyers30d: 5_000)), in: w) == 1)
    }

    @Test func repurchaseAndRating() {
        let w = window([])
        #expect(Repurchase().value(with(OfferStats(repurchaseRate: 0.25)), in: w) == 0.5)
        #expect(Repurchase().value(with(OfferStats(repurchaseRate: 0.9)), in: w) == 1)
        let few = Rating().value(with(OfferStats(rating: 5, reviews: 1)), in: w)
        let many = Rating().value(with(OfferStats(rating: 5, reviews: 1_000)), in: w)
        #expect(few < many && many < 1 && few > 0.75)
    }
}
