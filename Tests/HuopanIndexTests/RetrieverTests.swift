import Foundation
import HuopanCatalog
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanIndex

/// First-phase retrieval over a real index: adjacency, model numbers, single
/// characters, relaxation tiers, filters and facets.
@Suite struct RetrieverTests {
    static let dir = TemporaryDirectory("retriever")
    static let offers: [Offer] = [
        Fixtures.offer("kid1", title: "儿童装 男童 套装", category: ["童装", "套装"]),
        Fixtures.offer("kid2", title: "儿童 卫衣 童装 秋季", category: ["童装", "上衣"]),
        Fixtures.offer("hp1", title: "HP901 墨盒 黑色", category: ["办公", "耗材"]),
        Fixtures.offer("hp2", title: "惠普 1213hp1005a4 打印机", category: ["办公", "打印机"]),
        Fixtures.offer("drill", title: "HWY14-186BKU1 电钻 21v", category: ["五金工具", "电动工具"]),
        Fixtures.offer("lamp1", title: "灯 led 卧室", category: ["灯饰照明", "灯具"]),
        Fixtures.offer("lamp2", title: "护眼台灯 学生", category: ["灯饰照明", "灯具"]),
        Fixtures.offer(
            "cup1", title: "304不锈钢保温杯 500ml", category: ["家居日用", "杯壶"], region: "永康", belt: "永康五金",
            tiers: [(10, 20), (100, 15), (1000, 12)], moq: 10),
        Fixtures.offer("cup2", title: "保温杯 大容量", category: ["家居日用", "杯壶"], region: "义乌", tiers: [(1, 30)], dropship: true),
        Fixtures.offer(
            "cup3", title: "玻璃杯 保温杯 礼盒", category: ["家居日用", "杯壶"], kind: .tradingCompany, region: "义乌", tiers: [(50, 8)], moq: 50),
        Fixtures.offer("set", title: "汽车坐垫套件 四季", category: ["汽车用品", "汽车内饰"]),
        Fixtures.offer("ring", title: "2克拉莫桑石钻石 求婚戒指 pt950", category: ["服饰配件", "黄金珠宝"]),
        Fixtures.offer("icecream", title: "老冰棍 雪糕 批发", category: ["食品", "冷饮"]),
        // 礼盒 is a product too (packaging), and more common in titles than 保温杯.
        Fixtures.offer("box1", title: "月饼礼盒 包装盒", category: ["包装印刷", "礼品包装"]),
        Fixtures.offer("box2", title: "茶叶 礼盒 空盒", category: ["包装印刷", "礼品包装"]),
    ]
    static let index: OfferIndex = try! Fixtures.index(offers, in: dir)

    func plan(_ q: String) throws -> QueryPlan {
        QueryPlan(analysis: try Fixtures.analyzer().analyze(q), lexicon: Fixtures.lexicon)
    }

    func retrieve(
        _ q: String, filters: OfferFilters = OfferFilters(), qty: Int? = nil, relaxBelow: Int = 1,
        facets: [UInt32] = []
    ) throws -> (ids: [String], retrieval: Retrieval) {
        var r = RetrievalRequest(plan: try plan(q))
        r.filters = filters.queries(qty: qty)
        r.relaxBelow = relaxBelow
        r.facetSlots = facets
        r.exactTotal = true
        let retrieval = try Self.index.withDatabase { try Retriever.retrieve(r, in: $0) }
        let ids = try Self.index.withDatabase { db in
            try db.data(of: retrieval.candidates.map(\.docid)).map { try Offer(jsonBytes: $0!).id }
        }
        return (ids, retrieval)
    }

    @Test func aQueryWordMatchesOnlyAsAnAdjacentSequence() throws {
        #expect(try retrieve("儿童装").ids == ["kid1"])
    }

    @Test func latinGluedToDigitsIsFoundByItsParts() throws {
        #expect(try retrieve("hp901").ids == ["hp1"])
        #expect(Set(try retrieve("hp").ids) == ["hp1", "hp2"])
        #expect(try retrieve("901").ids == ["hp1"])
        #expect(try retrieve("1005a4").ids == ["hp2"])
        #expect(try retrieve("HWY14-186BKU1").ids == ["drill"])
        #expect(try retrieve("hwy14186bku1").ids == ["drill"])
        #expect(try retrieve("hwy14 186bku1").ids == ["drill"])
    }

    @Test func singleCharacterPrefersTitlesWhereItIsAWord() throws {
        let ids = try retrieve("灯").ids
        #expect(Set(ids) == ["lamp1", "lamp2"])
        #expect(ids.first == "lamp1")
    }

    /// A word that matches nothing whole is looked for by its parts before relaxation drops
    /// anything: the parts must all be there, and a word that matches whole is never split.
    @Test func aWordThatMatchesNothingWholeIsFoundByItsParts() throws {
        #expect(try plan("莫桑石戒指").units.first?.parts == ["莫桑石", "戒指"])
        let (ids, r) = try retrieve("莫桑石戒指")
        #expect(ids == ["ring"] && r.droppedUnits.isEmpty)
        #expect(try retrieve("中雪糕").ids == ["icecream"])
        // All parts are needed: 莫桑石 alone is not a 莫桑石项链.
        #expect(try retrieve("莫桑石项链").ids.isEmpty)
        // Found whole: no part-matching (保温杯 is not 保温 + 杯).
        #expect(try retrieve("保温杯").ids.count == 3)
    }

    @Test func splitWordsStillMatch() throws {
        #expect(try retrieve("套件").ids == ["set"])
        #expect(try retrieve("坐垫套件").ids == ["set"])
    }

    @Test func relaxationDropsWhatMatchesNothingFirstAndTiersResults() throws {
        let (ids, r) = try retrieve("保温杯 紫砂", relaxBelow: 1)
        #expect(r.level == 1)
        #expect(r.droppedUnits.map(\.text) == ["紫砂"])
        #expect(Set(ids) == ["cup1", "cup2", "cup3"])
        // Enough strict matches: no relaxation.
        let strict = try retrieve("保温杯 大容量", relaxBelow: 1)
        #expect(strict.retrieval.level == 0)
        #expect(strict.ids == ["cup2"])
        // Too few strict matches: of two product words the more common one goes first, and
        // the strict match comes first, in tier 0.
        let tiered = try retrieve("保温杯 礼盒", relaxBelow: 3)
        #expect(tiered.retrieval.level == 1)
        #expect(tiered.retrieval.droppedUnits.map(\.text) == ["礼盒"])
        #expect(tiered.ids.first == "cup3")
        #expect(tiered.retrieval.candidates.map(\.tier) == [0, 1, 1])
    }

    @Test func aModelNumberWhosePartsNeverTouchCountsAsMatchingNothing() throws {
        // Many titles with hp and many with 21, never adjacent: Xapian estimates the
        // phrase hp·21 from the parts' frequencies, so its estimate is positive.
        let dir = TemporaryDirectory("phantom")
        let offers =
            (0..<12).map { Fixtures.offer("hp\($0)", title: "hp 墨盒 \($0)号", category: ["办公", "耗材"]) }
            + (0..<12).map { Fixtures.offer("v\($0)", title: "21v 电钻 \($0)号", category: ["五金工具", "电动工具"]) }
            + [Fixtures.offer("cup", title: "保温杯 大容量", category: ["家居日用", "杯壶"])]
        let index = try Fixtures.index(offers, in: dir)
        let hp21 = try #require(try plan("hp21").units.first)
        let estimate = try index.withDatabase { db -> Int in
            var s = XapianSearch(query: hp21.query, limit: 0)
            s.weighting = .boolean
            return try db.search(s).matchesEstimated
        }
        #expect(estimate > 0, "the fixture must make the estimate misleading")
        #expect(try index.withDatabase { try Retriever.frequency(of: hp21.query, $0) } == 0)
        #expect(try index.withDatabase { try Retriever.frequency(of: try plan("墨盒").units[0].query, $0) } >= 1)
        // So it is dropped before 墨盒, which matches, rather than kept as the rarer unit.
        var r = RetrievalRequest(plan: try plan("墨盒 hp21"))
        r.relaxBelow = 1
        r.specificShare = 1  // a tiny collection: every unit is "specific"
        let retrieval = try index.withDatabase { try Retriever.retrieve(r, in: $0) }
        #expect(retrieval.droppedUnits.map(\.text) == ["hp21"])
        #expect(retrieval.candidates.count == 12)
    }

    @Test func filtersOnTermsValuesAndPriceAtQuantity() throws {
        var f = OfferFilters()
        f.regions = ["义乌"]
        #expect(Set(try retrieve("保温杯", filters: f).ids) == ["cup2", "cup3"])
        f = OfferFilters()
        f.dropship = true
        #expect(try retrieve("保温杯", filters: f).ids == ["cup2"])
        f = OfferFilters()
        f.maxMOQ = 10
        #expect(Set(try retrieve("保温杯", filters: f).ids) == ["cup1", "cup2"])
        f = OfferFilters()
        f.priceMax = 16
        // cup1 costs 20 at 10 pieces but 15 at 100; cup3 costs 8 from the first piece.
        #expect(Set(try retrieve("保温杯", filters: f, qty: 10).ids) == ["cup3"])
        #expect(Set(try retrieve("保温杯", filters: f, qty: 100).ids) == ["cup1", "cup3"])
        f.priceMin = 13
        #expect(Set(try retrieve("保温杯", filters: f, qty: 1000).ids) == [])
        #expect(Set(try retrieve("保温杯", filters: f, qty: 999).ids) == ["cup1"])
        f = OfferFilters()
        f.kinds = [.tradingCompany]
        #expect(try retrieve("保温杯", filters: f).ids == ["cup3"])
        f = OfferFilters()
        f.places = ["义乌"]
        #expect(Set(try retrieve("保温杯", filters: f).ids) == ["cup2", "cup3"])
    }

    @Test func facetCountsEqualWhatFilteringReturns() throws {
        let (_, r) = try retrieve("保温杯", facets: [Schema.Slot.region])
        let facet = Dictionary(uniqueKeysWithValues: r.facets[0].map { ($0.value, $0.count) })
        #expect(facet == ["义乌": 2, "永康": 1])
        for (region, count) in facet {
            var f = OfferFilters()
            f.regions = [region]
            let filtered = try retrieve("保温杯", filters: f)
            #expect(filtered.retrieval.total == count)
            #expect(filtered.ids.count == count)
        }
    }

    @Test func emptyQueryBrowsesEverything() throws {
        #expect(try retrieve("").ids.count == Self.offers.count)
    }
}
