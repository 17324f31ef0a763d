import Foundation
import HuopanCatalog
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanIndex

/// The match-phase limit and the docid order it stands on. Properties checked:
///
/// 1. A build numbers offers best static quality first in every shard, whatever the
///    catalog order, the number of workers and chunks; duplicates keep the last line.
/// 2. A head query (estimated matches above twice `maxHits`) takes its window from the
///    first share of the docids only, reports its total as an estimate and says which share.
/// 3. When that share holds fewer matches than the window, the rest is walked: the
///    window is then exactly the whole walk's.
/// 4. Sorted and exactly counted searches, `maxHits` 0 and indexes in catalog order walk
///    every match; facet counts of a limited search are estimates scaled to the total.
/// 5. An upsert keeps a replaced offer's docid; a new offer is numbered last.
@Suite struct MatchPhaseTests {
    let dir = TemporaryDirectory("match-phase")

    /// An offer whose quality prior rises with `quality` (0...99).
    static func offer(_ id: String, title: String, quality: Int) -> Offer {
        Fixtures.offer(
            id, title: title,
            stats: OfferStats(
                sales30d: quality * 50, buyers30d: quality * 10, repurchaseRate: 0.2, rating: 4.6, reviews: 10,
                ship72hRate: 0.5 + Double(quality) / 200, replyRate: 0.9, replyMinutes: 10, disputeRate: 0.01, returnRate: 0.02))
    }

    /// 400 offers titled 保温杯 of qualities in a shuffled catalog order, and 100 low-quality 水壶.
    static let catalog: [Offer] = {
        var rng = SeededRandom(seed: 11)
        var offers = (0..<400).map { offer("cup\($0)", title: "保温杯 款\($0)", quality: 20 + ($0 * 37) % 80) }
        offers += (0..<100).map { offer("kettle\($0)", title: "水壶 款\($0)", quality: $0 % 5) }
        offers.shuffle(using: &rng)
        return offers
    }()

    func build(_ offers: [Offer], shards: Int = 1, chunk: Int = 64) throws -> OfferIndex {
        var builder = IndexBuilder(layout: IndexLayout(root: dir.path("index")), lexicon: Fixtures.lexicon, workers: 2, shards: shards)
        builder.offersPerScratch = chunk
        _ = try builder.build(data: Fixtures.jsonl(offers), source: "test")
        return try OfferIndex(root: dir.path("index"))
    }

    /// Priors of a database's documents in docid order.
    func priorsInDocidOrder(_ db: XapianDatabase) throws -> [Double] {
        var s = XapianSearch(query: .all, limit: 100_000)
        s.weighting = .boolean
        s.numericSlots = [Schema.Slot.prior]
        return try db.search(s).hits.sorted { $0.docid < $1.docid }.map { $0.numbers[0] }
    }

    func retrieve(
        _ q: String, in index: OfferIndex, maxHits: Int, _ change: (inout RetrievalRequest) -> Void = { _ in }
    ) throws
        -> (ids: [String], retrieval: Retrieval)
    {
        var r = RetrievalRequest(plan: QueryPlan(analysis: try Fixtures.analyzer().analyze(q), lexicon: Fixtures.lexicon))
        r.window = 20
        r.maxHits = maxHits
        change(&r)
        let retrieval = try index.withDatabase { try Retriever.retrieve(r, in: $0) }
        let ids = try index.withDatabase { db in try db.data(of: retrieval.candidates.map(\.docid)).map { try Offer(jsonBytes: $0!).id } }
        return (ids, retrieval)
    }

    @Test func theBuildNumbersOffersBestQualityFirstInEveryShard() throws {
        // A duplicate id: the later line wins and is placed by its own quality.
        let offers = Self.catalog + [Self.offer("cup7", title: "保温杯 款7 新", quality: 99)]
        let index = try build(offers, shards: 2, chunk: 37)
        #expect(index.manifest.docidOrder == IndexManifest.qualityOrder)
        #expect(try index.documentCount() == 500)
        for shard in index.manifest.shards {
            let db = try XapianDatabase(path: index.directory.appendingPathComponent(shard).path)
            let priors = try priorsInDocidOrder(db)
            #expect(priors.count > 100)
            #expect(priors == priors.sorted(by: >), "shard \(shard) is not in quality order")
        }
        let replaced = try index.withDatabase { db in try db.docid(forTerm: "Qcup7").map { try db.data(of: [$0])[0] } }
        #expect(try Offer(jsonBytes: #require(replaced ?? nil)).title == "保温杯 款7 新")
    }

    @Test func aHeadQueryTakesItsWindowFromTheBestShare() throws {
        let index = try build(Self.catalog)
        let whole = try retrieve("保温杯", in: index, maxHits: 0)
        let limited = try retrieve("保温杯", in: index, maxHits: 50)
        #expect(whole.retrieval.matchedShare == nil)
        let share = try #require(limited.retrieval.matchedShare)
        #expect(share > 0 && share < 0.25, "share \(share)")
        #expect(!limited.retrieval.totalIsExact && limited.retrieval.total >= 300, "total \(limited.retrieval.total)")
        #expect(limited.ids.count == 20)
        // Every candidate lies in the walked share of the docids: among the best `last` offers.
        let last = Int((share * 500).rounded(.up))
        #expect(limited.retrieval.candidates.allSatisfy { Int($0.docid) <= last })
        let priors = try index.withDatabase(priorsInDocidOrder)
        #expect(limited.retrieval.candidates.allSatisfy { $0.record.stats.qualityPrior >= priors[last - 1] })
    }

    @Test func aShareWithTooFewMatchesIsCompletedByTheRest() throws {
        let index = try build(Self.catalog)
        // 水壶 offers are the worst 100 of 500, numbered last: the first share holds none.
        let whole = try retrieve("水壶", in: index, maxHits: 0)
        let limited = try retrieve("水壶", in: index, maxHits: 20)
        #expect(whole.ids.count == 20)
        #expect(limited.ids == whole.ids)
        #expect(limited.retrieval.candidates.map(\.textScore) == whole.retrieval.candidates.map(\.textScore))
        #expect(limited.retrieval.matchedShare == nil)
    }

    @Test func sortedAndCountedSearchesWalkEveryMatch() throws {
        let index = try build(Self.catalog)
        let sorted = try retrieve("保温杯", in: index, maxHits: 50) { $0.sort = (Schema.Slot.minPrice, false) }
        let counted = try retrieve("保温杯", in: index, maxHits: 50) { $0.exactTotal = true }
        for r in [sorted, counted] { #expect(r.retrieval.matchedShare == nil) }
        #expect(counted.retrieval.total == 400 && counted.retrieval.totalIsExact)
    }

    /// Facets of a limited search count the walked share and scale to the estimated total;
    /// with the limit off, or when the walk reaches the end, they are exact.
    @Test func facetCountsOfALimitedSearchAreScaledEstimates() throws {
        // A third of the cups come from trading companies, spread over every quality.
        var rng = SeededRandom(seed: 5)
        var offers = (0..<600).map { i in
            var o = Self.offer("cup\(i)", title: "保温杯 款\(i)", quality: i % 100)
            if i % 3 == 0 { o.supplier.kind = .tradingCompany }
            return o
        }
        offers += (0..<90).map { Self.offer("kettle\($0)", title: "水壶 款\($0)", quality: 0) }
        offers.shuffle(using: &rng)
        let index = try build(offers)
        let limited = try retrieve("保温杯", in: index, maxHits: 100) { $0.facetSlots = [Schema.Slot.kind] }
        let whole = try retrieve("保温杯", in: index, maxHits: 0) { $0.facetSlots = [Schema.Slot.kind] }
        #expect(whole.retrieval.matchedShare == nil && whole.retrieval.totalIsExact)
        #expect(
            Dictionary(uniqueKeysWithValues: whole.retrieval.facets[0].map { ($0.value, $0.count) }) == [
                "factory": 400, "trading_company": 200,
            ])
        #expect(limited.retrieval.matchedShare != nil && !limited.retrieval.totalIsExact)
        let estimated = Dictionary(uniqueKeysWithValues: limited.retrieval.facets[0].map { ($0.value, $0.count) })
        // Scaled from about 100 counted matches: near the true counts, and adding up to the total.
        #expect(abs(estimated["factory", default: 0] - 400) < 80, "\(estimated)")
        #expect(abs(estimated["trading_company", default: 0] - 200) < 80, "\(estimated)")
        #expect(abs(estimated.values.reduce(0, +) - limited.retrieval.total) <= 2)
        // The last 90 offers are the kettles: walked to the end, the counts are exact.
        let kettles = try retrieve("水壶", in: index, maxHits: 20) { $0.facetSlots = [Schema.Slot.kind] }
        #expect(kettles.retrieval.matchedShare == nil && kettles.retrieval.totalIsExact)
        #expect(kettles.retrieval.facets[0].map(\.count) == [90] && kettles.retrieval.total == 90)
    }

    /// Shares that meet partition the docids, whatever the rounding: every document is in
    /// exactly one of (0, a], (a, b], (b, 1], in one database and in several.
    @Test func adjacentSharesPartitionTheDocids() throws {
        let offers = (0..<503).map { Self.offer("o\($0)", title: "保温杯 款\($0)", quality: $0 % 100) }
        for shards in [1, 3] {
            let index = try build(offers, shards: shards)
            let cuts = [0.0, 0.137, 0.5004, 1.0]
            var seen: [UInt32] = []
            for k in 0..<3 {
                var s = XapianSearch(query: .all, limit: 10_000)
                s.weighting = .boolean
                s.docidShare = cuts[k]...cuts[k + 1]
                seen += try index.withDatabase { try $0.search(s) }.hits.map(\.docid)
            }
            #expect(seen.count == 503 && Set(seen).count == 503, "shards \(shards)")
        }
    }

    /// A share that grows in several steps (few matches among the best offers, more among the
    /// rest) returns each offer once, and the whole walk's window when it reaches the end.
    @Test func aGrowingShareReturnsEachOfferOnce() throws {
        let offers = (0..<503).map { i in
            Self.offer("o\(i)", title: (i % 100 < 30 || i % 20 == 0) ? "礼盒 款\(i)" : "保温杯 款\(i)", quality: i % 100)
        }
        let index = try build(offers)
        let whole = try retrieve("礼盒", in: index, maxHits: 0) { $0.window = 60 }
        let limited = try retrieve("礼盒", in: index, maxHits: 60) { $0.window = 60 }
        #expect(Set(limited.ids).count == limited.ids.count)
        #expect(limited.ids.count == 60)
        if limited.retrieval.matchedShare == nil { #expect(limited.ids == whole.ids) }
    }

    @Test func anIndexInCatalogOrderIsWalkedWhole() throws {
        _ = try build(Self.catalog)
        let path = try IndexLayout(root: dir.path("index")).current().directory.appendingPathComponent("shard-000").path
        let db = try XapianDatabase(path: path)  // not told the docids follow quality
        var r = RetrievalRequest(plan: QueryPlan(analysis: try Fixtures.analyzer().analyze("保温杯"), lexicon: Fixtures.lexicon))
        r.window = 20
        r.maxHits = 50
        #expect(try Retriever.retrieve(r, in: db).matchedShare == nil)
    }

    @Test func anUpsertKeepsTheDocidOfAReplacedOfferAndNumbersANewOneLast() throws {
        let index = try build(Self.catalog)
        let before = try index.withDatabase { try $0.docid(forTerm: "Qcup3") }
        let writer = try OfferIndexWriter(layout: index.layout, lexicon: Fixtures.lexicon)
        try writer.upsert([Self.offer("cup3", title: "保温杯 改", quality: 0), Self.offer("new1", title: "保温杯 新", quality: 99)])
        try writer.commit()
        try writer.close()
        index.markChanged()
        #expect(try index.withDatabase { try $0.docid(forTerm: "Qcup3") } == before)
        #expect(try index.withDatabase { try $0.docid(forTerm: "Qnew1") } == 501)
    }
}
