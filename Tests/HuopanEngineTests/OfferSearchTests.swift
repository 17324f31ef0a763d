import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanEngine

@Suite struct OfferSearchTests {
    static let data = Fixtures.generated
    static let search = Fixtures.search(data.index)
    static let profiles = Fixtures.profiles

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

    /// The explanation is checked against the ranking made without explanations: same
    /// offers, same order, and contributions that add up to the score that ranked them.
    /// The per-phase times account for the search: each is measured, none is negative, and
    /// together they stay within the search's own time.
    @Test func phasesAccountForTheSearchTime() throws {
        let r = try run(SearchRequest(q: "连衣裙 批发", facets: [.category]))
        try #require(r.total > 0)
        let phases = r.phases.named.map(\.1)
        #expect(phases.allSatisfy { $0 >= 0 })
        #expect(r.phases.matching > 0 && r.phases.analysis > 0 && r.phases.rescoring > 0 && r.phases.fetch > 0)
        #expect(phases.reduce(0, +) <= r.tookMs + 0.05, "\(r.phases.named) vs \(r.tookMs)")
    }

    /// A head query under a profile whose match-phase limit it exceeds: the answer says which
    /// share of the index its candidates came from and that its total is an estimate; the
    /// same query with the limit off looks at every match and counts them.
    @Test func aHeadQueryUnderTheMatchPhaseLimitSaysSo() throws {
        var profile = try #require(Self.profiles.profile(named: "default"))
        profile.window = 20
        profile.matchPhaseMaxHits = 20
        let limited = try Self.search.search(SearchRequest(q: "批发"), profiles: Self.profiles, draft: profile)
        profile.matchPhaseMaxHits = 0
        let whole = try Self.search.search(SearchRequest(q: "批发"), profiles: Self.profiles, draft: profile)
        try #require(whole.total > 200, "the query must match many offers")
        let share = try #require(limited.matchedShare)
        #expect(share > 0 && share < 0.5)
        #expect(!limited.totalExact && limited.hits.count == 20)
        #expect(whole.matchedShare == nil)
        let json = try #require(String(data: Data(try limited.jsonBytes()), encoding: .utf8))
        #expect(json.contains(#""matched_share":"#))
        #expect(!String(decoding: try whole.jsonBytes(), as: UTF8.self).contains("matched_share"))
    }

    @Test func explanationsSumToTheScoreOfTheUnexplainedRanking() throws {
        let plain = try run(SearchRequest(q: "连衣裙", intent: .newProductTesting, size: 30))
        let explained = try run(SearchRequest(q: "连衣裙", intent: .newProductTesting, size: 30, explain: true))
        #expect(plain.hits.count >= 10)
        #expect(explained.hits.map(\.id) == plain.hits.map(\.id))
        for (hit, unexplained) in zip(explained.hits, plain.hits) {
            let e = try #require(hit.explanation)
            #expect(abs(e.contributions.values.reduce(0, +) - unexplained.score) < 1e-9, "\(hit.id)")
            #expect(e.tier == unexplained.tier)
        }
    }

    /// Paging is consistent (pages 1 to 3 are the first 60 of one request) and every page of
    /// 20 holds at most 3 offers of a supplier, counting every hit, strict or relaxed. A
    /// supplier may go over only when the relevance tier has no other supplier left: then
    /// every later hit of that tier (in a longer request) belongs to a supplier already at
    /// the cap on that page.
    @Test func supplierCapHoldsOnEveryPage() throws {
        var overCap = 0
        for q in ["连衣裙", "手机壳", "保温杯", "积木", "t恤", "雪纺连衣裙 韩版 藏青色"] {
            let all = try run(SearchRequest(q: q, page: 1, size: 100))
            let first60 = try run(SearchRequest(q: q, page: 1, size: 60)).hits.map(\.id)
            var paged: [String] = []
            for page in 1...3 { paged += try run(SearchRequest(q: q, page: page, size: 20)).hits.map(\.id) }
            #expect(paged == first60, "\(q): pages 1-3 differ from one request of 60")
            #expect(Set(paged).count == paged.count, "\(q): an offer on two pages")
            let hits = all.hits
            for start in stride(from: 0, to: min(60, hits.count), by: 20) {
                let page = hits[start..<min(start + 20, hits.count)]
                var counts: [String: Int] = [:]
                for h in page { counts[h.offer["supplier"]?["id"]?.stringValue ?? "", default: 0] += 1 }
                for (supplier, n) in counts where n > 3 {
                    overCap += 1
                    // Legitimate only if the tier ran out of other suppliers.
                    let tiers = Set(page.filter { $0.offer["supplier"]?["id"]?.stringValue == supplier }.map(\.tier))
                    let later = hits[min(start + 20, hits.count)...].filter { tiers.contains($0.tier) }
                    #expect(
                        later.allSatisfy { counts[$0.offer["supplier"]?["id"]?.stringValue ?? "", default: 0] >= 3 },
                        "\(q) page \(start / 20 + 1): \(supplier) has \(n) while other suppliers of its tier wait")
                }
            }
        }
        // Some of these queries reach only a few suppliers in a 3,000-offer catalog.
        #expect(overCap > 0)
    }

    @Test func facetCountsEqualFilteredTotals() throws {
        let r = try run(SearchRequest(q: "连衣裙", facets: [.category, .region, .supplierKind]))
        #expect(r.totalExact)
        #expect(Set(r.facets.keys) == ["category", "region", "supplier_kind"])
        #expect(r.facets.values.allSatisfy { !$0.isEmpty })
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

    /// A sort orders within relevance tiers: a cheap offer that matched only after relaxation
    /// comes after every strict match, however cheap.
    @Test func sortsByPriceAtQuantityWithinTier() throws {
        let dir = TemporaryDirectory()
        // Ten strict matches: under the profiles' relax_below of 20, so the query relaxes.
        var offers = (0..<10).map { i in
            Fixtures.offer(
                "strict-\(i)", title: "不锈钢保温杯 大容量", supplier: "s\(i)", tiers: [(1, Double(20 + i))], listedAt: "2026-0\(1 + i % 9)-01")
        }
        offers.append(Fixtures.offer("cheap-relaxed", title: "不锈钢保温杯", supplier: "cheap", tiers: [(1, 0.5)], listedAt: "2026-11-19"))
        let search = Fixtures.search(try Fixtures.index(offers, in: dir))
        for sort in [SearchRequest.SortOrder.priceAsc, .newest] {
            let r = try search.search(SearchRequest(q: "保温杯 大容量", qty: 100, sort: sort, size: 50), profiles: Self.profiles)
            #expect(r.query.relaxed, "the fixture must relax")
            #expect(r.hits.last?.id == "cheap-relaxed", "\(sort): the relaxed offer is last")
            let tiers = r.hits.map(\.tier)
            #expect(tiers == tiers.sorted(), "\(sort): tiers never go down")
            for tier in Set(tiers) {
                let inTier = r.hits.filter { $0.tier == tier }
                if sort == .priceAsc {
                    let prices = inTier.map(\.priceAtQty)
                    #expect(prices == prices.sorted(), "prices rise within tier \(tier)")
                } else {
                    let days = inTier.map { Offer.epochDay(of: $0.offer["listed_at"]!.stringValue!)! }
                    #expect(days == days.sorted(by: >), "newest first within tier \(tier)")
                }
            }
        }
    }

    /// The same matches, ranked for two buyers: a bulk buyer sees source factories
    /// with cheap tiers first, a buyer testing a product sees dropshipping stalls first.
    @Test func intentChangesWhatComesFirst() throws {
        let dir = TemporaryDirectory()
        var offers: [Offer] = []
        for i in 0..<10 {
            offers.append(
                Fixtures.offer(
                    "f\(i)", title: "不锈钢保温杯", supplier: "factory\(i)", kind: .factory,
                    tiers: [(100, 20), (1000, 9)], moq: 100, dropship: false, capacity: 500_000, listedAt: "2025-01-01"))
            offers.append(
                Fixtures.offer(
                    "s\(i)", title: "不锈钢保温杯", supplier: "stall\(i)", kind: .marketStall,
                    tiers: [(1, 16)], moq: 1, dropship: true, capacity: 3_000, listedAt: "2026-11-10"))
        }
        let search = Fixtures.search(try Fixtures.index(offers, in: dir))
        let bulk = try search.search(SearchRequest(q: "保温杯", intent: .bulkWholesale, qty: 2000, size: 10), profiles: Self.profiles)
        let testing = try search.search(SearchRequest(q: "保温杯", intent: .newProductTesting, size: 10), profiles: Self.profiles)
        #expect(bulk.hits.allSatisfy { $0.id.hasPrefix("f") })
        #expect(testing.hits.allSatisfy { $0.id.hasPrefix("s") })
    }

    @Test func badRequestsAreNamedErrors() throws {
        func field(_ r: SearchRequest) -> String? {
            do { _ = try run(r); return nil } catch let e as SearchError { return e.fields.first } catch { return "?" }
        }
        #expect(field(SearchRequest(q: String(repeating: "连衣裙", count: 4_000))) == "q")
        #expect(field(SearchRequest(q: "x", size: 500)) == "size")
        #expect(field(SearchRequest(q: "x", page: 0)) == "page")
        #expect(field(SearchRequest(q: "x", profile: "nope")) == "profile")
        #expect(field(SearchRequest(q: "a\u{1}b")) == "q")
        var f = OfferFilters()
        f.priceMin = 10
        f.priceMax = 5
        #expect(field(SearchRequest(q: "x", filters: f)) == "filters.price_min")
        // A query nothing matches is an empty answer, not an error.
        let emptyResult = try run(SearchRequest(q: "xyzzy987qqq"))
        #expect(emptyResult.total == 0 && emptyResult.hits.isEmpty)
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

    /// A place named in the query filters while offers are there, and is let go (and said
    /// to be) when nothing is; a place given as a filter is never let go.
    @Test func aPlaceInTheQueryIsLetGoWhenNothingIsThere() throws {
        let dir = TemporaryDirectory("places")
        let offers =
            (0..<4).map { Fixtures.offer("p\($0)", title: "乳胶枕 护颈 \($0)", category: ["家纺", "枕头"], region: "义乌") }
            + [Fixtures.offer("w1", title: "皮鞋 真皮", category: ["鞋靴", "皮鞋"], region: "温州", belt: "温州鞋业")]
        let search = Fixtures.search(try Fixtures.index(offers, in: dir))
        let there = try search.search(SearchRequest(q: "义乌乳胶枕"), profiles: Self.profiles)
        #expect(there.hits.count == 4 && there.query.dropped.isEmpty && there.filters.places == ["义乌"])
        let elsewhere = try search.search(SearchRequest(q: "温州乳胶枕"), profiles: Self.profiles)
        #expect(elsewhere.hits.count == 4)
        #expect(elsewhere.query.dropped == ["温州"] && elsewhere.query.relaxed)
        #expect(elsewhere.filters.places.isEmpty)
        var asked = SearchRequest(q: "乳胶枕")
        asked.filters.places = ["温州"]
        #expect(try search.search(asked, profiles: Self.profiles).hits.isEmpty)
    }
}
