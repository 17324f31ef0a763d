import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine

/// Replays a Zipf-distributed stream of real queries (a few head queries most of the
/// traffic, a long tail seen once) through the engine with its result cache and without it.
struct CacheBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Result cache under a Zipf replay of real queries: latency with and without the cache, hit rate, memory.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Distinct queries to draw from (ranked by their order in the file).") var distinct = 20_000
    @Option(help: "Searches to replay.") var count = 20_000
    @Option(help: "Zipf exponent (1.0: the query of rank r is drawn with weight 1/r).") var exponent = 1.0
    @Option(help: "Random seed of the replay.") var seed: UInt64 = 7

    func run() throws {
        warnIfDebug()
        let pool = try loadQueries(queries, limit: distinct)
        guard !pool.isEmpty else { throw ValidationError("no queries in \(queries)") }
        // Cumulative Zipf weights over the pool's ranks.
        var cumulative: [Double] = []
        var sum = 0.0
        for r in 1...pool.count {
            sum += 1 / pow(Double(r), exponent)
            cumulative.append(sum)
        }
        var rng = SeededRandom(seed: seed)
        let stream = (0..<count).map { _ -> String in
            let x = rng.unit() * sum
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return pool[lo]
        }
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        print(
            "index: \(try engine.index.documentCount()) offers; \(stream.count) searches over \(Set(stream).count) distinct queries "
                + "(Zipf s=\(exponent) over \(pool.count)); cache budget \(engine.cache.limits.bytes >> 20) MiB")
        for q in stream.prefix(200) { _ = try engine.offers.search(SearchRequest(q: q, size: 20), profiles: profiles) }

        var uncached = Latencies(), cached = Latencies()
        var uncachedHit = Latencies(), cachedHit = Latencies()
        var answeredFromCache = 0
        for q in stream {
            let r = SearchRequest(q: q, size: 20)
            let fresh = try uncached.time { try engine.offers.search(r, profiles: profiles) }
            let (_, fromCache) = try cached.time { try engine.search(r) }
            if fromCache { answeredFromCache += 1 }
            if fresh.total > 0 {
                uncachedHit.samples.append(uncached.samples.last!)
                cachedHit.samples.append(cached.samples.last!)
            }
        }
        let stats = engine.cache.stats
        for (title, without, with) in [
            ("all searches:", uncached, cached), ("searches with results (\(uncachedHit.samples.count)):", uncachedHit, cachedHit),
        ] {
            print(title)
            print("  no cache:    " + without.summary)
            print("  with cache:  " + with.summary)
            print(
                String(
                    format: "  ratio cache/no cache: p50 %.3f  mean %.3f", with.percentile(50) / without.percentile(50),
                    with.mean / without.mean))
        }
        print(
            String(
                format: "hit rate %.1f%% (%d of %d); %d entries, %.1f MiB", 100 * Double(answeredFromCache) / Double(stream.count),
                answeredFromCache, stream.count, stats.entries, Double(stats.bytes) / 1_048_576))
    }
}
