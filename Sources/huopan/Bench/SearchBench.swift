import ArgumentParser
import Foundation
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "In-process search latency over Taobao queries: BM25-only retrieval vs full ranking, and rescoring cost per window.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Queries to time.") var count = 1_000
    @Option(help: "Windows to measure rescoring for.") var windows = "200,1000,5000"
    @Option(help: "Also list the N slowest queries with how they were read.") var slowest = 0

    func run() throws {
        warnIfDebug()
        let qs = try loadQueries(queries, limit: count + 200)
        let warm = Array(qs.prefix(200)), timed = Array(qs.dropFirst(200).prefix(count))
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        let index = engine.index
        let search = engine.offers
        print("index: \(try index.documentCount()) offers; \(timed.count) queries after \(warm.count) warm-up")

        // BM25 only: the same analysis and retrieval (strict AND, relaxation), top 20 by BM25 + prior, stored fields.
        func bm25Only(_ q: String) throws {
            let p = try search.plan(SearchRequest(q: q, size: 20), profiles: profiles)
            var rr = p.retrievalRequest
            rr.window = 20
            _ = try index.withDatabase { db in
                let r = try Retriever.retrieve(rr, in: db)
                return try db.data(of: r.candidates.map(\.docid))
            }
        }
        func full(_ q: String) throws { _ = try search.search(SearchRequest(q: q, size: 20), profiles: profiles) }
        // The same search with the profile's match-phase limit off: every match walked.
        func whole(_ q: String) throws -> SearchResponse {
            let request = SearchRequest(q: q, size: 20)
            var profile = try search.plan(request, profiles: profiles).profile
            profile.matchPhaseMaxHits = 0
            return try search.search(request, profiles: profiles, draft: profile)
        }
        for q in warm { try bm25Only(q); try full(q); _ = try whole(q) }
        var base = Latencies(), ranked = Latencies()
        var baseHit = Latencies(), rankedHit = Latencies()  // queries with at least one result
        var empty = 0
        // Per phase, over the queries with results; and the head queries (matching at least
        // 1% of the catalog), whose cost is the one a marketplace's traffic is made of.
        var phases: [String: Latencies] = [:]
        var encoding = Latencies()
        var head = Latencies(), headBase = Latencies(), headWhole = Latencies(), wholeHit = Latencies()
        var headPhases: [String: Double] = [:]
        // Searches the match-phase limit applied to: time with and without it, first-page overlap.
        var limited = Latencies(), limitedWhole = Latencies()
        var overlap = 0.0, shares: [Double] = []
        let documents = try index.documentCount()
        for (k, q) in timed.enumerated() {
            try base.time { try bm25Only(q) }
            // The search that runs second finds the query's pages warmer: the two orders alternate.
            var timer = Latencies()
            var w: SearchResponse?
            if k % 2 == 1 { w = try timer.time { try whole(q) } }
            let r = try ranked.time { try search.search(SearchRequest(q: q, size: 20), profiles: profiles) }
            if k % 2 == 0 { w = try timer.time { try whole(q) } }
            guard let w else { continue }
            if let share = r.matchedShare {
                limited.samples.append(ranked.samples.last!)
                limitedWhole.samples.append(timer.samples[0])
                shares.append(share)
                let page = Set(r.hits.map(\.id))
                overlap += Double(w.hits.filter { page.contains($0.id) }.count) / Double(max(1, w.hits.count))
            }
            if r.total == 0 {
                empty += 1
            } else {
                baseHit.samples.append(base.samples.last!)
                rankedHit.samples.append(ranked.samples.last!)
                wholeHit.samples.append(timer.samples[0])
                for (name, ms) in r.phases.named { phases[name, default: Latencies()].samples.append(ms) }
                _ = try encoding.time { try r.jsonBytes() }
                if r.total * 100 >= documents {
                    head.samples.append(ranked.samples.last!)
                    for (name, ms) in r.phases.named { headPhases[name, default: 0] += ms }
                    headBase.samples.append(base.samples.last!)
                    headWhole.samples.append(timer.samples[0])
                }
            }
        }
        let (bm25, full) = ("BM25-only retrieval (top 20)", "full ranking (window 1000, page 20)")
        printPair(
            "all queries (zero-result ones are cheap):", (bm25, base), (full, ranked), ratio: "full/BM25-only",
            note: "   zero-result queries: \(empty) of \(timed.count)")
        if slowest > 0 {
            for (q, ms) in zip(timed, ranked.samples).sorted(by: { $0.1 > $1.1 }).prefix(slowest) {
                let r = try search.search(SearchRequest(q: q, size: 20), profiles: profiles)
                print(
                    String(
                        format: "  %7.2f ms  %@  units %@  dropped %@  total %d", ms, q, r.query.units.joined(separator: "|"),
                        r.query.dropped.joined(separator: "|"), r.total))
            }
        }
        printPair("queries with results only:", (bm25, baseHit), (full, rankedHit), ratio: "full/BM25-only")
        printPair("head queries (matching at least 1% of the offers):", (bm25, headBase), (full, head), ratio: "full/BM25-only")
        let whole = "full ranking, every match walked"
        printPair("match-phase limit, queries with results:", (whole, wholeHit), (full, rankedHit), ratio: "limited/whole")
        printPair("match-phase limit, head queries:", (whole, headWhole), (full, head), ratio: "limited/whole")
        printPair("match-phase limit, the searches it applied to:", (whole, limitedWhole), (full, limited), ratio: "limited/whole")
        print(
            String(
                format: "  applied to %d of %d searches; share of the index walked p50 %.4f; first page shared with the whole walk %.1f%%",
                limited.samples.count, timed.count, shares.isEmpty ? 0 : shares.sorted()[shares.count / 2],
                100 * overlap / Double(max(1, limited.samples.count))))
        print(
            "  mean ms per phase: "
                + SearchPhases().named.map { String(format: "%@ %.2f", $0.0, (headPhases[$0.0] ?? 0) / Double(max(1, head.samples.count))) }
                .joined(separator: ", "))
        print("where a search with results spends its time (ms; share of the mean):")
        let totalMean = phases.values.reduce(0) { $0 + $1.mean } + encoding.mean
        for (name, _) in SearchPhases().named {
            let l = phases[name] ?? Latencies()
            print(
                String(
                    format: "  %@ mean %6.3f  p50 %6.3f  p99 %7.3f  %5.1f%%", name.padding(toLength: 11, withPad: " ", startingAt: 0),
                    l.mean, l.percentile(50), l.percentile(99), 100 * l.mean / max(totalMean, 1e-9)))
        }
        print(
            String(
                format: "  %@ mean %6.3f  p50 %6.3f  p99 %7.3f  %5.1f%%", "encoding".padding(toLength: 11, withPad: " ", startingAt: 0),
                encoding.mean,
                encoding.percentile(50), encoding.percentile(99), 100 * encoding.mean / max(totalMean, 1e-9)))

        // Rescoring (phase two alone) per window size.
        for w in windows.split(separator: ",").compactMap({ Int($0) }) {
            var profile = profiles.profile(named: "default")!
            profile.window = w
            var rescoring = Latencies()
            var sizes = 0
            for q in timed.prefix(300) {
                let p = try search.plan(SearchRequest(q: q, size: 20), profiles: profiles, draft: profile)
                let r = try index.withDatabase { try Retriever.retrieve(p.retrievalRequest, in: $0) }
                sizes += r.candidates.count
                _ = try rescoring.time { try search.rank(r, p) }
            }
            print(String(format: "rescoring, window %5d (mean %.0f candidates): ", w, Double(sizes) / 300) + rescoring.summary)
        }
    }
}
