import HuopanTestSupport
import Testing

@testable import HuopanCatalog

@Suite struct PriceTierTests {
    let offer = Fixtures.offer("p", title: "杯", tiers: [(10, 5.0), (100, 4.0), (1000, 3.0)], moq: 10)

    @Test(arguments: [(1, 5.0), (9, 5.0), (10, 5.0), (99, 5.0), (100, 4.0), (999, 4.0), (1000, 3.0), (1_000_000, 3.0)])
    func priceAtQuantityOnTierEdges(qty: Int, price: Double) {
        #expect(offer.unitPrice(at: qty) == price)
    }

    @Test func epochDaysAreExact() {
        #expect(Offer.epochDay(of: "1970-01-01") == 0)
        #expect(Offer.epochDay(of: "2000-03-01") == 11017)
        #expect(Offer.epochDay(of: "2026-11-20") == 20777)
        #expect(Offer.epochDay(of: "2024-02-29") != nil)
        #expect(Offer.epochDay(of: "2026-02-29") == nil)
        #expect(Offer.epochDay(of: "2026-13-01") == nil)
        #expect(Offer.epochDay(of: "2026-04-31") == nil)
    }

    @Test func smoothedRatingPullsFewReviewsToThePrior() {
        let fewPerfect = OfferStats(rating: 5, reviews: 2)
        let manyPerfect = OfferStats(rating: 5, reviews: 2_000)
        #expect(fewPerfect.smoothedRating < manyPerfect.smoothedRating)
        #expect(abs(OfferStats(rating: 0, reviews: 0).smoothedRating - 0.75) < 1e-9)
    }
}
