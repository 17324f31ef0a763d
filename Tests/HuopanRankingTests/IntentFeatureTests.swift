import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct IntentFeatureTests {
    @Test func priceAtQuantityAgainstTheMedian() {
        let cheapInBulk = candidate(Fixtures.offer("a", title: "杯", tiers: [(1, 10), (1000, 2)]), docid: 1)
        let flat = candidate(Fixtures.offer("b", title: "杯", tiers: [(1, 6)]), docid: 2)
        let dear = candidate(Fixtures.offer("c", title: "杯", tiers: [(1, 18)]), docid: 3)
        let small = window([cheapInBulk, flat, dear], qty: 10)
        #expect(PriceAtQuantity().value(cheapInBulk, in: small) == 0.5)  // 10 is the median
        #expect(PriceAtQuantity().value(flat, in: small) == 10.0 / 16)
        let bulk = window([cheapInBulk, flat, dear], qty: 1000)
        #expect(PriceAtQuantity().value(cheapInBulk, in: bulk) == 6.0 / 8)  // median 6, price 2
    }

    @Test func moqAndCapacityAgainstQuantity() {
        let c = candidate(Fixtures.offer("a", title: "杯", moq: 50, capacity: 2_000))
        #expect(MOQFit().value(c, in: window([], qty: 100)) == 1)
        #expect(MOQFit().value(c, in: window([], qty: 10)) == 0.2)
        #expect(CapacityFit().value(c, in: window([], qty: 100)) == 1)
        #expect(CapacityFit().value(c, in: window([], qty: 1_000)) == 0.2)
    }

    @Test func dropshipCustomizationFreshnessKind() {
        let c = candidate(
            Fixtures.offer("a", title: "杯", kind: .marketStall, dropship: true, customization: [.logo, .oem], listedAt: "2026-08-22"))
        let w = window([], today: "2026-11-20")
        #expect(Dropship().value(c, in: w) == 1)
        #expect(CustomizationSupport().value(c, in: w) == 2.0 / 3)
        #expect(abs(Freshness().value(c, in: w) - 0.3678794) < 1e-6)  // 90 days old
        #expect(SourceFactory().value(c, in: w) == 0.2)
        #expect(SourceFactory().value(candidate(Fixtures.offer("f", title: "杯", kind: .factory)), in: w) == 1)
    }
}
