import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// The search pipeline, shared by CLI, server and evaluation:
///
/// 1. read cues out of the query (intent, quantity, price, place, dropship) and
///    analyse the rest into units;
/// 2. pick the profile (by name, else by intent and channel) and the quantity;
/// 3. phase one (`Retriever`): BM25 + static prior over strict AND, relaxed
///    step by step when too little matches, filters, facets, a window of
///    candidates tagged with their relevance tier;
/// 4. phase two: every candidate scored by the profile's features;
/// 5. order by (tier, score): relevance first, by construction;
/// 6. supplier cap and exposure per page; page; stored fields for the page.
public final class OfferSearch: Sendable {
    public let index: OfferIndex
    public let planner: SearchPlanner

    public init(index: OfferIndex, planner: SearchPlanner) {
        self.index = index
        self.planner = planner
    }

    public var understanding: QueryUnderstanding { planner.understanding }

    /// Validates the request and reads the query; throws `SearchError` for caller mistakes.
    public func plan(_ r: SearchRequest, profiles: ProfileSet, draft: RankingProfile? = nil) throws -> SearchPlan {
        try planner.plan(r, profiles: profiles, draft: draft)
    }

    /// A ranked candidate before paging.
    public struct Ranked: Sendable {
        public var candidate: Candidate
        public var score: Double
    }

    /// Runs a search. `draft` ranks with a profile that is not published (preview). The
    /// search stops with `DeadlineExceeded` once `deadline` passes, wherever it is.
    public func search(
        _ r: SearchRequest, profiles: ProfileSet, draft: RankingProfile? = nil,
        deadline: Deadline = .none
    ) throws -> SearchResponse {
        let started = DispatchTime.now()
        var phases = SearchPhases()
        let planned = try plan(r, profiles: profiles, draft: draft)
        phases.analysis = SearchPhases.since(started)
        let (p, retrieval, (ranked, order, window), data, missing) = try index.withShards(deadline: deadline) { db, missing in
            var p = planned
            var rr = p.retrievalRequest
            rr.deadline = deadline
            var retrieval = try Retriever.retrieve(rr, in: db)
            // Nothing at the place the query named: show the product from anywhere rather than nothing.
            if retrieval.candidates.isEmpty, let anywhere = p.releasingCuePlaces {
                p = anywhere
                rr = p.retrievalRequest
                rr.deadline = deadline
                retrieval = try Retriever.retrieve(rr, in: db)
            }
            // Cue words alone that no offer carries: browse with the intent they imply.
            if retrieval.candidates.isEmpty, p.query.textFromCues {
                p.query.plan.units = []
                p.query.textFromCues = false
                rr = p.retrievalRequest
                rr.deadline = deadline
                retrieval = try Retriever.retrieve(rr, in: db)
            }
            let ranking = try rank(retrieval, p, deadline: deadline, phases: &phases)
            let offset = (r.page - 1) * r.size
            let pageDocids = ranking.order.dropFirst(offset).prefix(r.size).map { ranking.ranked[$0.index].candidate.docid }
            let fetchStarted = DispatchTime.now()
            let data = try db.data(of: pageDocids)
            phases.fetch = SearchPhases.since(fetchStarted)
            return (p, retrieval, ranking, data, missing)
        }
        phases.relaxation = retrieval.relaxationMs
        phases.matching = retrieval.matchingMs
        phases.records = retrieval.recordsMs
        let assemblyStarted = DispatchTime.now()
        let scorer = Scorer(profile: p.profile)
        let offset = (r.page - 1) * r.size
        var hits: [SearchHit] = []
        for (k, placement) in order.dropFirst(offset).prefix(r.size).enumerated() {
            let item = ranked[placement.index]
            let stored = data[k] ?? Array("{}".utf8)
            let (id, title) = Self.idAndTitle(stored)
            var explanation: Explanation?
            if r.explain {
                var e = scorer.explain(item.candidate, in: window)
                if placement.index != offset + k { e.rankBeforeDiversity = placement.index + 1 }
                e.diversity = placement.note
                explanation = e
            }
            hits.append(
                SearchHit(
                    id: id, title: title, score: item.score, rank: offset + k + 1, tier: item.candidate.tier,
                    priceAtQty: (item.candidate.record.unitPrice(at: p.qty) * 100).rounded() / 100, stored: stored,
                    explanation: explanation))
        }
        var facets: [String: [FacetCount]] = [:]
        for (facet, values) in zip(r.facets, retrieval.facets) {
            facets[facet.rawValue] = values.map { FacetCount(value: $0.value, count: $0.count) }
        }
        var analyzed = p.query.analyzed
        // Units relaxation dropped, and places the query named that were let go.
        let droppedPlaces = planned.cuePlaces.filter { !p.filters.places.contains($0) }
        analyzed.dropped = retrieval.droppedUnits.map(\.text) + droppedPlaces
        analyzed.relaxed = retrieval.level > 0 || !droppedPlaces.isEmpty
        analyzed.categories = window.categoryShares.prefix(3).map {
            CategoryShare(category: $0.category, share: ($0.share * 1000).rounded() / 1000)
        }
        phases.assembly = SearchPhases.since(assemblyStarted)
        let took = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        var response = SearchResponse(
            queryId: nil, total: retrieval.total, totalExact: retrieval.totalIsExact, tookMs: (took * 1000).rounded() / 1000,
            partial: !missing.isEmpty, missingShards: missing, page: r.page, size: r.size, query: analyzed, intent: p.intent,
            intentSource: p.intentSource,
            qty: p.qty, qtySource: p.qtySource, channel: r.channel, profile: p.profile.name,
            filters: p.filters, hits: hits, facets: facets)
        response.phases = phases
        response.matchedShare = retrieval.matchedShare.map { ($0 * 10_000).rounded(.up) / 10_000 }
        return response
    }

    /// The id and title of a stored offer (parsed once per hit).
    static func idAndTitle(_ stored: [UInt8]) -> (String, String) {
        guard let v = try? JSONValue.parse(stored) else { return ("", "") }
        return (v["id"]?.stringValue ?? "", v["title"]?.stringValue ?? "")
    }

    /// Scores the window and orders it: by tier, then by score (or the sort key),
    /// then supplier diversity and exposure for relevance order.
    public func rank(
        _ retrieval: Retrieval, _ p: SearchPlan,
        deadline: Deadline = .none
    ) throws(DeadlineExceeded) -> (ranked: [Ranked], order: [SupplierDiversity.Placement], window: RankingWindow) {
        var phases = SearchPhases()
        return try rank(retrieval, p, deadline: deadline, phases: &phases)
    }

    func rank(
        _ retrieval: Retrieval, _ p: SearchPlan, deadline: Deadline, phases: inout SearchPhases
    ) throws(DeadlineExceeded) -> (ranked: [Ranked], order: [SupplierDiversity.Placement], window: RankingWindow) {
        let rescoringStarted = DispatchTime.now()
        let window = RankingWindow(
            candidates: retrieval.candidates, qty: p.qty, plan: p.units, today: p.today, lexicon: planner.understanding.lexicon)
        let scorer = Scorer(profile: p.profile)
        let candidates = retrieval.candidates
        var scores: [Double] = []
        scores.reserveCapacity(candidates.count)
        for (i, c) in candidates.enumerated() {
            // A window of 10,000 with every feature takes milliseconds; checking the clock
            // every 256 candidates keeps a late request from finishing work nobody waits for.
            if i & 255 == 255 { try deadline.check() }
            scores.append(scorer.score(c, in: window))
        }
        phases.rescoring = SearchPhases.since(rescoringStarted)
        let orderingStarted = DispatchTime.now()
        defer { phases.ordering = SearchPhases.since(orderingStarted) }
        let qty = p.qty
        let keys: [Double] = candidates.indices.map { i in
            let rec = candidates[i].record
            switch p.request.sort {
            case .relevance: return -scores[i]
            case .priceAsc: return rec.unitPrice(at: qty)
            case .priceDesc: return -rec.unitPrice(at: qty)
            case .salesDesc: return -Double(rec.sales)
            case .newest: return -Double(rec.listedDay)
            }
        }
        // Sort indices, not candidates: a candidate carries its whole rank record.
        let sorted = candidates.indices.sorted { a, b in
            if candidates[a].tier != candidates[b].tier { return candidates[a].tier < candidates[b].tier }
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return candidates[a].record.offerID < candidates[b].record.offerID
        }
        let ranked = sorted.map { Ranked(candidate: candidates[$0], score: scores[$0]) }
        guard p.request.sort == .relevance else {
            return (ranked, ranked.indices.map { SupplierDiversity.Placement(index: $0, note: nil) }, window)
        }
        let diversity = SupplierDiversity(profile: p.profile)
        let exposure = p.profile.exposure
        let pages = ((p.request.page * p.request.size) + diversity.pageSize - 1) / diversity.pageSize
        let order = diversity.arrange(
            ranked.map { r in
                let rec = r.candidate.record
                let newcomer =
                    rec.supplierYears <= exposure.maxSupplierYears && rec.ship72hRate >= exposure.minService
                    && rec.replyRate >= exposure.minService
                return (rec.supplierID, r.candidate.tier, newcomer)
            }, pages: pages)
        return (ranked, order, window)
    }
}
