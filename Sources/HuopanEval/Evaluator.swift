import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanIndex
import HuopanRanking

/// Runs a query set through the live search pipeline and scores the result.
public struct Evaluator: Sendable {
    public let search: OfferSearch
    /// How many offers per query go into a run (the API's page limit).
    public var depth = 100
    /// Run queries on every core (the CLI) or one after another on the caller's thread
    /// (the server, whose operator work must leave the other cores to searches).
    public var parallel = true
    /// Every query's search stops here.
    public var deadline = Deadline.none
    /// The day that counts as today (`YYYY-MM-DD`), so a run ranks the same on any day.
    public var asOf: String?

    public init(search: OfferSearch, parallel: Bool = true, deadline: Deadline = .none, asOf: String? = nil) {
        self.search = search
        self.parallel = parallel
        self.deadline = deadline
        self.asOf = asOf
    }

    /// The ranking a profile (or a draft) produces for every query.
    public func run(_ queries: [JudgedQuery], profiles: ProfileSet, draft: RankingProfile? = nil, tag: String) throws -> Run {
        let results = ResultSlots(count: queries.count)
        let one: @Sendable (Int) -> Void = { i in
            let q = queries[i]
            let request = SearchRequest(q: q.query, intent: q.intent, qty: q.qty, channel: q.channel, size: depth, asOf: asOf)
            results.set(
                i,
                Result {
                    try search.search(request, profiles: profiles, draft: draft, deadline: deadline).hits.map { ($0.id, $0.score) }
                })
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: queries.count, execute: one)
        } else {
            for i in queries.indices { one(i) }
        }
        var run = Run(tag: tag)
        for (i, q) in queries.enumerated() { run.results[q.qid] = try results.get(i).get() }
        return run
    }

    /// The profile that ranks by BM25 alone (phase one without prior,
    /// diversity or business features): the baseline of every comparison.
    public static var bm25Only: RankingProfile {
        var p = RankingProfile(name: "bm25_only", description: "BM25 text score only", priorWeight: 0, weights: ["text_bm25": 1])
        p.diversity = .init(maxPerSupplier: 100, pageSize: 100)
        p.exposure = .init(enabled: false)
        return p
    }
}

/// Per-query results written by parallel workers, one slot each.
final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[(doc: String, score: Double)], Error>]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: .success([]), count: count) }
    func set(_ i: Int, _ r: Result<[(doc: String, score: Double)], Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<[(doc: String, score: Double)], Error> { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
