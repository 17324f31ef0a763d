import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import Logging
import Synchronization
import Testing

@testable import HuopanEngine

/// The result cache. Properties checked:
/// - a cached answer is the answer a fresh search gives (ids, scores, totals, facets), for
///   queries that differ only in case, width or filters, pages and intents;
/// - a repeated search is answered from the cache, and `took_ms` and `query.text` are the
///   caller's own;
/// - an upsert, a delete, a publish and a rollback are seen by the very next search;
/// - memory stays within the budget however many distinct searches arrive;
/// - an entry past its age is computed again; explanations are never cached.
@Suite struct ResultCacheTests {
    let dir = TemporaryDirectory("cache")

    func engine(limits: ResultCache.Limits = ResultCache.Limits()) async throws -> Engine {
        let offers = Fixtures.generated.offers.prefix(600)
        _ = try IndexBuilder(layout: IndexLayout(root: dir.path("index")), lexicon: Fixtures.lexicon, workers: 1)
            .build(data: Fixtures.jsonl(Array(offers)), source: "test")
        var c = Fixtures.engineConfiguration(index: dir.path("index"))
        c.resultCache = limits
        c.stateDirectory = dir.path("state")
        return try Engine.open(c, logger: Logger(label: "test"), today: { Fixtures.today })
    }

    static let requests: [SearchRequest] = [
        SearchRequest(q: "连衣裙"),
        SearchRequest(q: "连衣裙", page: 2),
        SearchRequest(q: "连衣裙", intent: .bulkWholesale),
        SearchRequest(q: "保温杯", facets: [.category, .region]),
        SearchRequest(
            q: "保温杯",
            filters: {
                var f = OfferFilters(); f.regions = ["义乌"]; return f
            }()),
        SearchRequest(q: "led灯", sort: .priceAsc),
        SearchRequest(q: "LED灯", sort: .priceAsc),
        SearchRequest(q: "ＬＥＤ灯", sort: .priceAsc),
        SearchRequest(q: "手机壳 批发"),
    ]

    func same(_ a: SearchResponse, _ b: SearchResponse) -> Bool {
        a.hits.map(\.id) == b.hits.map(\.id) && a.hits.map(\.score) == b.hits.map(\.score) && a.total == b.total
            && a.facets == b.facets && a.query.units == b.query.units
    }

    @Test func aCachedAnswerIsTheFreshAnswer() async throws {
        let engine = try await engine()
        for r in Self.requests {
            let fresh = try engine.offers.search(r, profiles: engine.profiles.current)
            let first = try engine.search(r)
            let second = try engine.search(r)
            #expect(same(first.response, fresh), "\(r.q)")
            #expect(same(second.response, fresh), "\(r.q) page \(r.page)")
            #expect(second.cached, "\(r.q)")
            #expect(second.response.query.text == r.q)
        }
        // LED灯 and ＬＥＤ灯 read as led灯: one entry serves all three spellings.
        let stats = engine.cache.stats
        #expect(stats.entries == Self.requests.count - 2)
        #expect(stats.hits == Self.requests.count + 2)
        #expect(try !engine.search(SearchRequest(q: "连衣裙", explain: true)).cached)
        #expect(try !engine.search(SearchRequest(q: "连衣裙", explain: true)).cached)
        await engine.close()
    }

    @Test func writesAndPublishesAreSeenByTheNextSearch() async throws {
        let engine = try await engine()
        let r = SearchRequest(q: "zq7781")
        #expect(try engine.search(r).response.hits.isEmpty)
        #expect(try engine.search(r).cached)
        let maintenance = try #require(engine.maintenance)
        _ = try await maintenance.upsert([Fixtures.offer("new-1", title: "紫砂茶宠摆件 zq7781")], deadline: .none)
        let afterUpsert = try engine.search(r)
        #expect(!afterUpsert.cached && afterUpsert.response.hits.map(\.id) == ["new-1"])
        #expect(try await maintenance.delete(id: "new-1", deadline: .none))
        #expect(try engine.search(r).response.hits.isEmpty)

        let q = SearchRequest(q: "连衣裙")
        let before = try engine.search(q).response
        #expect(try engine.search(q).cached)
        var profile = try #require(engine.profiles.current.profiles["default"])
        profile.weights["sales"] = 40
        _ = try engine.profiles.publish(profile, author: "test")
        let published = try engine.search(q)
        #expect(!published.cached)
        #expect(same(published.response, try engine.offers.search(q, profiles: engine.profiles.current)))
        #expect(published.response.hits.map(\.id) != before.hits.map(\.id))
        _ = try engine.profiles.rollback("default", to: nil, author: "test")
        let rolledBack = try engine.search(q)
        #expect(!rolledBack.cached && rolledBack.response.hits.map(\.id) == before.hits.map(\.id))
        await engine.close()
    }

    @Test func memoryStaysWithinTheBudget() async throws {
        let budget = 256 << 10
        let engine = try await engine(limits: ResultCache.Limits(bytes: budget))
        let words = ["连衣裙", "保温杯", "手机壳", "led灯", "毛巾", "拖鞋", "水杯", "背包"]
        var peak = 0
        for w in words {
            for page in 1...5 {
                for size in [10, 20, 50] {
                    _ = try engine.search(SearchRequest(q: w, page: page, size: size))
                    peak = max(peak, engine.cache.stats.bytes)
                }
            }
        }
        #expect(peak > budget / 4)
        #expect(peak <= budget + budget / 4)
        // The most recent searches are still there.
        #expect(try engine.search(SearchRequest(q: "背包", page: 5, size: 50)).cached)
        await engine.close()
    }

    @Test func entriesExpire() throws {
        final class Clock: Sendable { let now = Mutex(1_000.0) }
        let clock = Clock()
        let cache = ResultCache(limits: ResultCache.Limits(bytes: 1 << 20, seconds: 60), clock: { clock.now.withLock { $0 } })
        let search = Fixtures.search(Fixtures.generated.index)
        let response = try search.search(SearchRequest(q: "连衣裙"), profiles: Fixtures.profiles)
        let key = ResultCache.Key(request: SearchRequest(q: "连衣裙"), day: 1)
        let stamp = ResultCache.Stamp(generation: 1, revision: 0, profiles: 1, synonyms: 0)
        cache.store(key, stamp: stamp, response: response)
        #expect(cache.lookup(key, stamp: stamp) != nil)
        clock.now.withLock { $0 += 61 }
        #expect(cache.lookup(key, stamp: stamp) == nil)
        // An answer computed before a write is not stored over the newer state.
        let newer = ResultCache.Stamp(generation: 1, revision: 1, profiles: 1, synonyms: 0)
        cache.store(key, stamp: newer, response: response)
        cache.store(ResultCache.Key(request: SearchRequest(q: "毛巾"), day: 1), stamp: stamp, response: response)
        #expect(cache.lookup(ResultCache.Key(request: SearchRequest(q: "毛巾"), day: 1), stamp: stamp) == nil)
        #expect(cache.lookup(key, stamp: newer) != nil)
    }
}
