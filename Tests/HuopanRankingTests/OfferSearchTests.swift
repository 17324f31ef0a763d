import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanTestSupport
import HuopanText
import Testing
@testable import HuopanRanking

@Suite struct OfferSearchTests {
    static let data = Fixtures.generated
    static let search = OfferSearch(index: data.index, lexicon: Fixtures.lexicon, today: { today })
    static let profiles = try! ProfileSet.committed()

    func run(_ r: SearchRequest) throws -> SearchResponse { try Self.search.search(r, profiles: Self.profiles) }

    @Test func reportsIntentAndQuantityGivenOrInferred() throws {
        let inferred = try run(SearchRequest(q: "保温杯 1000个"))
        #expect(inferred.intent == .bulkWholesale && inferred.intentSource == "query")
        #expect(inferred.qty == 1000 && inferred.qtySource == "query")
        #expect(inferred.profile == "bulk_wholesale")
        #expect(inferred.query.units == ["保温杯"])
        let given = try run(SearchRequest(q: "保温杯 定制", intent: .smallBatch, qty: 30))
        #expect(given.intent == .smallBatch && given.intentSource == "request" && given.qty == 30 && given.profile == "small_batch")
        let none = try run(SearchRequest(q: "保温杯"))
        #expect(none.intent == nil && none.intentSource == "none" && none.qtySource == "profile" && none.profile == "default")
    }

    @Test func explanationsSumToTheScore() throws {
        let r = try run(SearchRequest(q: "连衣裙 雪纺", intent: .newProductTesting, size: 30, explain: true))
        #expect(!r.hits.isEmpty)
        for hit in r.hits {
            let e = try #require(hit.explanation)
            #expect(abs(e.contributions.values.reduce(0, +) - hit.score) < 1e-9)
            #expect(e.tier == hit.tier)
        }
    }

    /// At most 3 offers per supplier per page of 20, except where the page says
    /// the cap was relaxed because the tier had no other supplier left.
    @Test func supplierCapHoldsOnEveryPage() throws {
        var relaxed = 0
        for q in ["连衣裙", "手机壳", "保温杯", "积木", "t恤"] {
            for page in 1...3 {
                let r = try run(SearchRequest(q: q, page: page, size: 20, explain: true))
                var counts: [String: Int] = [:]
                for h in r.hits {
                    if h.explanation?.diversity?.contains("relaxed") == true { relaxed += 1; continue }
                    counts[h.offer["supplier"]?["id"]?.stringValue ?? "", default: 0] += 1
                }
                #expect(counts.values.allSatisfy { $0 <= 3 }, "\(q) page \(page): \(counts)")
                #expect(Set(r.hits.map(\.id)).count == r.hits.count)
            }
        }
        // Some of these queries reach only a few suppliers in a 3,000-offer catalog.
        #expect(relaxed > 0)
    }

    @Test func facetCountsEqualFilteredTotals() throws {
        let r = try run(SearchRequest(q: "连衣裙", facets: [.category, .region, .supplierKind]))
        #expect(r.totalExact)
        for (facet, values) in r.facets {
            for v in values.prefix(4) {
                var f = OfferFilters()
                switch facet {
                case "category": f.categories = [v.value]
                case "region": f.regions = [v.value]
                default: f.kinds = [SupplierKind(rawValue: v.value)!]
                }
                let filtered = try run(SearchRequest(q: "连衣裙", filters: f, facets: [.category]))
                #expect(filtered.total == v.count, "\(facet)=\(v.value)")
            }
        }
    }

    @Test func sortsByPriceAtQuantityWithinTier() throws {
        let r = try run(SearchRequest(q: "手机壳", qty: 100, sort: .priceAsc, size: 50))
        let prices = r.hits.map(\.priceAtQty)
        #expect(prices == prices.sorted())
        let newest = try run(SearchRequest(q: "手机壳", sort: .newest, size: 50))
        let days = newest.hits.map { Offer.epochDay(of: $0.offer["listed_at"]!.stringValue!)! }
        #expect(days == days.sorted(by: >))
    }

    /// The same matches, ranked for two buyers: a bulk buyer sees source factories
    /// with cheap tiers first, a buyer testing a product sees dropshipping stalls first.
    @Test func intentChangesWhatComesFirst() throws {
        let dir = TemporaryDirectory()
        var offers: [Offer] = []
        for i in 0..<10 {
            offers.append(Fixtures.offer("f\(i)", title: "不锈钢保温杯", supplier: "factory\(i)", kind: .factory,
                                         tiers: [(100, 20), (1000, 9)], moq: 100, dropship: false, capacity: 500_000, listedAt: "2025-01-01"))
            offers.append(Fixtures.offer("s\(i)", title: "不锈钢保温杯", supplier: "stall\(i)", kind: .marketStall,
                                         tiers: [(1, 16)], moq: 1, dropship: true, capacity: 3_000, listedAt: "2026-11-10"))
        }
        let search = OfferSearch(index: try Fixtures.index(offers, in: dir), lexicon: Fixtures.lexicon, today: { today })
        let bulk = try search.search(SearchRequest(q: "保温杯", intent: .bulkWholesale, qty: 2000, size: 10), profiles: Self.profiles)
        let testing = try search.search(SearchRequest(q: "保温杯", intent: .newProductTesting, size: 10), profiles: Self.profiles)
        #expect(bulk.hits.allSatisfy { $0.id.hasPrefix("f") })
        #expect(testing.hits.allSatisfy { $0.id.hasPrefix("s") })
    }

    @Test func badRequestsAreNamedErrors() throws {
        let long = SearchRequest(q: String(repeating: "连衣裙", count: 4_000))
        #expect(throws: SearchError.self) { try run(long) }
        #expect(throws: SearchError.self) { try run(SearchRequest(q: "x", size: 500)) }
        #expect(throws: SearchError.self) { try run(SearchRequest(q: "x", profile: "nope")) }
        #expect(throws: SearchError.self) { try run(SearchRequest(q: "a\u{1}b")) }
        let emptyResult = try run(SearchRequest(q: "紫砂壶翡翠无人机xyz987"))
        #expect(emptyResult.total >= 0)
    }

    @Test func jsonShapeIsTheCLIContract() throws {
        let r = try run(SearchRequest(q: "连衣裙", size: 3, explain: true))
        let encoder = JSONEncoder()
        let object = try #require(JSONSerialization.jsonObject(with: encoder.encode(r)) as? [String: Any])
        #expect(object["total"] is Int)
        #expect(object["intent"] != nil || r.intent == nil)
        #expect(object["qty"] as? Int == r.qty)
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 3)
        for h in hits {
            #expect(h["id"] is String && h["title"] is String && h["score"] is Double)
            #expect((h["supplier"] as? [String: Any])?["id"] is String)
            let e = try #require(h["explanation"] as? [String: Any])
            let contributions = try #require(e["contributions"] as? [String: Double])
            #expect(abs(contributions.values.reduce(0, +) - (e["score"] as! Double)) < 1e-9)
        }
    }
}
