import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import Testing

@testable import HuopanEngine

@Suite struct SupplierSearchTests {
    static let data = Fixtures.generated
    static let search = Fixtures.supplierSearch(data.index)
    static let profiles = Fixtures.profiles

    func strictMatches(_ q: String) throws -> Set<String> {
        let plan = try Self.search.planner.plan(SearchRequest(q: q), profiles: Self.profiles, target: .suppliers)
        return try Self.data.index.withDatabase { db in
            var s = XapianSearch(query: plan.units.conjunction().filtered(by: plan.filters.queries(qty: plan.qty)), limit: 100_000)
            s.weighting = .boolean
            s.includeData = true
            return Set(try db.search(s).hits.compactMap { try? Offer(jsonBytes: $0.data ?? []).id })
        }
    }

    @Test(arguments: ["连衣裙", "手机壳 定制", "保温杯 1000个", "帆布袋"])
    func everySupplierOnceWithItsOwnMatchingOffers(q: String) throws {
        let r = try Self.search.search(SearchRequest(q: q, facets: [.belt], size: 100, explain: true), profiles: Self.profiles)
        // Explanations are checked against the ranking made without them.
        let plain = try Self.search.search(SearchRequest(q: q, facets: [.belt], size: 100), profiles: Self.profiles)
        #expect(r.suppliers.map(\.id) == plain.suppliers.map(\.id))
        let unexplained = Dictionary(uniqueKeysWithValues: plain.suppliers.map { ($0.id, $0.score) })
        #expect(r.totalExact)
        #expect(!r.suppliers.isEmpty)
        #expect(Set(r.suppliers.map(\.id)).count == r.suppliers.count)
        let matching = try strictMatches(q)
        let offers = Dictionary(uniqueKeysWithValues: Self.data.offers.map { ($0.id, $0) })
        for s in r.suppliers {
            #expect(!s.offers.isEmpty && s.offers.count <= SupplierSearch.offersPerSupplier)
            #expect(s.matchingOffers >= s.offers.count)
            for o in s.offers {
                #expect(offers[o.id]?.supplier.id == s.id, "\(o.id) is not \(s.id)'s")
                #expect(matching.contains(o.id), "\(o.id) does not match \(q)")
            }
            let e = try #require(s.explanation)
            #expect(abs(e.contributions.values.reduce(0, +) - (unexplained[s.id] ?? .nan)) < 1e-9, "\(s.id)")
        }
        // Every supplier with a matching offer is counted, and only those.
        let withMatch = Set(matching.compactMap { offers[$0]?.supplier.id })
        #expect(r.total == withMatch.count)
        #expect(Set(r.suppliers.map(\.id)).isSubset(of: withMatch))
        #expect(r.suppliers.map(\.score) == r.suppliers.map(\.score).sorted(by: >))
    }

    @Test func facetCountsAreSupplierCountsThatFiltersReturn() throws {
        let r = try Self.search.search(SearchRequest(q: "连衣裙", facets: [.belt, .supplierKind]), profiles: Self.profiles)
        #expect(!(r.facets["belt"] ?? []).isEmpty && !(r.facets["supplier_kind"] ?? []).isEmpty)
        for v in r.facets["belt"] ?? [] {
            var f = OfferFilters()
            f.belts = [v.value]
            #expect(try Self.search.search(SearchRequest(q: "连衣裙", filters: f), profiles: Self.profiles).total == v.count)
        }
        for v in r.facets["supplier_kind"] ?? [] {
            var f = OfferFilters()
            f.kinds = [SupplierKind(rawValue: v.value)!]
            let filtered = try Self.search.search(SearchRequest(q: "连衣裙", filters: f), profiles: Self.profiles)
            #expect(filtered.total == v.count)
            #expect(filtered.suppliers.allSatisfy { $0.kind.rawValue == v.value })
        }
        #expect((r.facets["belt"] ?? []).map(\.count).reduce(0, +) == r.total)
    }

    @Test func aSupplierWithoutMatchingOffersNeverAppears() throws {
        let dir = TemporaryDirectory()
        let offers = [
            Fixtures.offer("a1", title: "保温杯 不锈钢", supplier: "has-match"),
            Fixtures.offer("b1", title: "玻璃杯 咖啡杯", supplier: "no-match"),
            Fixtures.offer("b2", title: "马克杯", supplier: "no-match"),
        ]
        let search = Fixtures.supplierSearch(try Fixtures.index(offers, in: dir))
        let r = try search.search(SearchRequest(q: "保温杯"), profiles: Self.profiles)
        #expect(r.suppliers.map(\.id) == ["has-match"] && r.total == 1)
    }

    @Test func namedPlaceAndIntentShapeTheRanking() throws {
        let dir = TemporaryDirectory()
        var offers: [Offer] = []
        for i in 0..<4 {
            offers.append(
                Fixtures.offer("y\(i)", title: "帆布袋 大号", supplier: "yiwu-\(i)", kind: .tradingCompany, region: "义乌", belt: "义乌小商品"))
            offers.append(
                Fixtures.offer(
                    "w\(i)", title: "帆布袋 大号", supplier: "wz-\(i)", kind: .factory, region: "温州", province: "浙江", belt: "苍南印刷包装",
                    customization: [.logo, .oem, .pattern], capacity: 500_000))
        }
        let search = Fixtures.supplierSearch(try Fixtures.index(offers, in: dir))
        let yiwu = try search.search(SearchRequest(q: "义乌 帆布袋"), profiles: Self.profiles)
        #expect(yiwu.total == 8)
        #expect(yiwu.suppliers.prefix(4).allSatisfy { $0.region == "义乌" })
        let custom = try search.search(SearchRequest(q: "帆布袋 来图定制"), profiles: Self.profiles)
        #expect(custom.profile == "suppliers_customization")
        #expect(custom.suppliers.prefix(4).allSatisfy { $0.kind == .factory })
    }

    @Test func supplierAndOfferProfilesDoNotMix() throws {
        #expect(throws: SearchError.self) { try Self.search.search(SearchRequest(q: "x", profile: "default"), profiles: Self.profiles) }
        #expect(throws: SearchError.self) {
            try Fixtures.search(Self.data.index).search(SearchRequest(q: "x", profile: "suppliers_default"), profiles: Self.profiles)
        }
        var p = Self.profiles.profile(named: "suppliers_default")!
        p.weights["text_bm25"] = 1
        #expect(p.validate().first?.field == "weights.text_bm25")
    }

    @Test func jsonIsTheCLIContract() throws {
        let r = try Self.search.search(SearchRequest(q: "连衣裙", size: 2), profiles: Self.profiles)
        let o = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any])
        #expect(o["total"] is Int)
        for s in try #require(o["suppliers"] as? [[String: Any]]) {
            #expect(s["id"] is String && s["name"] is String && s["kind"] is String && s["region"] is String && s["score"] is Double)
            for offer in try #require(s["offers"] as? [[String: Any]]) {
                #expect(offer["id"] is String && offer["title"] is String && offer["score"] is Double)
            }
        }
    }
}
