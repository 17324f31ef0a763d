import Testing

@testable import HuopanRanking

@Suite struct SupplierDiversityTests {
    typealias Item = (supplier: String, tier: Int, newcomer: Bool)

    func arrange(
        _ items: [Item], cap: Int = 2, page: Int = 4, pages: Int = 3, exposure: RankingProfile.Exposure = .init(enabled: false)
    ) -> [Int] {
        SupplierDiversity(maxPerSupplier: cap, pageSize: page, exposure: exposure).arrange(items, pages: pages).map(\.index)
    }

    @Test func capsOffersPerSupplierPerPage() {
        let items: [Item] = ["a", "a", "a", "a", "b", "c", "b", "d"].map { ($0, 0, false) }
        let order = arrange(items)
        #expect(order == [0, 1, 4, 5, 2, 3, 6, 7])
        for p in stride(from: 0, to: order.count, by: 4) {
            var counts: [String: Int] = [:]
            for i in order[p..<min(p + 4, order.count)] { counts[items[i].supplier, default: 0] += 1 }
            #expect(counts.values.allSatisfy { $0 <= 2 })
        }
    }

    @Test func neverPushesAMatchBelowANonMatch() {
        // One supplier owns all tier-0 offers; tier-1 offers come from others.
        let items: [Item] = [("a", 0, false), ("a", 0, false), ("a", 0, false), ("b", 1, false), ("c", 1, false)]
        let order = arrange(items)
        #expect(order == [0, 1, 2, 3, 4])
        let note = SupplierDiversity(maxPerSupplier: 2, pageSize: 4).arrange(items, pages: 1)[2].note
        #expect(note?.contains("relaxed") == true)
    }

    @Test func exposureBringsANewcomerToTheFirstPage() {
        let items: [Item] = [("a", 0, false), ("b", 0, false), ("c", 0, false), ("d", 0, false), ("e", 0, false), ("n", 0, true)]
        let exposure = RankingProfile.Exposure(enabled: true, maxSupplierYears: 1, minService: 0.9, slot: 3, lookahead: 10)
        let placements = SupplierDiversity(maxPerSupplier: 2, pageSize: 4, exposure: exposure).arrange(items, pages: 2)
        #expect(placements.map(\.index) == [0, 1, 5, 2, 3, 4])
        #expect(placements[2].note?.contains("exposure") == true)
        // Not across tiers, and not when one is already on the page.
        let otherTier: [Item] = [("a", 0, false), ("b", 0, false), ("c", 0, false), ("d", 0, false), ("n", 1, true)]
        #expect(arrange(otherTier, exposure: exposure) == [0, 1, 2, 3, 4])
        let already: [Item] = [("n", 0, true), ("b", 0, false), ("c", 0, false), ("d", 0, false), ("m", 0, true)]
        #expect(arrange(already, exposure: exposure) == [0, 1, 2, 3, 4])
    }
}
