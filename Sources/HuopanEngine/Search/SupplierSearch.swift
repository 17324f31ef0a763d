import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// A supplier in factory-search results.
public struct SupplierHit: Encodable, Sendable {
    public struct OfferBrief: Encodable, Sendable {
        public var id: String
        public var title: String
        public var score: Double
        public var priceAtQty: Double

        enum CodingKeys: String, CodingKey { case id, title, score, priceAtQty = "price_at_qty" }
    }

    public var id: String
    public var name: String
    public var kind: SupplierKind
    public var region: String
    public var province: String
    public var belt: String
    public var years: Int
    public var score: Double
    public var rank: Int
    /// Matching offers of this supplier (listed ones plus those Xapian's collapse dropped).
    public var matchingOffers: Int
    /// The supplier's best matching offers, best first.
    public var offers: [OfferBrief]
    public var explanation: Explanation?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, region, province, belt, years, score, rank, matchingOffers = "matching_offers", offers, explanation
    }
}

/// What a factory search answers (`huopan search --suppliers --json` prints this).
public struct SupplierSearchResponse: Encodable, Sendable {
    /// Distinct suppliers with at least one matching offer.
    public var total: Int
    /// False when `total` is Xapian's estimate (no facets asked for and more suppliers than the window).
    public var totalExact: Bool
    public var tookMs: Double
    /// True when some shards did not answer; `missing_shards` names them.
    public var partial: Bool
    public var missingShards: [Int]
    public var page: Int
    public var size: Int
    public var query: AnalyzedQuery
    public var intent: BuyerIntent?
    public var intentSource: String
    public var qty: Int
    public var qtySource: String
    public var profile: String
    public var filters: OfferFilters
    public var suppliers: [SupplierHit]
    /// Supplier counts per belt, kind, region or province.
    public var facets: [String: [FacetCount]]

    enum CodingKeys: String, CodingKey {
        case total, totalExact = "total_exact", tookMs = "took_ms", partial, missingShards = "missing_shards", page, size, query, intent
        case intentSource = "intent_source", qty
        case qtySource = "qty_source", profile, filters, suppliers, facets
    }
}

/// Factory search (找工厂): the suppliers whose offers match, each with its best few
/// matching offers, ranked by a supplier profile. One Xapian pass with collapse on the
/// supplier id finds the suppliers and their offers; when facets are asked for, a second
/// collapsed pass counts suppliers for the total and the facets, so a facet's count is
/// what filtering by it returns.
public final class SupplierSearch: Sendable {
    public let index: OfferIndex
    public let planner: SearchPlanner

    /// Offers listed per supplier (Xapian's collapse keeps this many per supplier id).
    public static let offersPerSupplier = 3

    public init(index: OfferIndex, planner: SearchPlanner) {
        self.index = index
        self.planner = planner
    }

    /// What one collapsed pass found, before ranking.
    struct Found {
        var candidates: [SupplierCandidate]
        var total: Int
        var exact: Bool
        var facets: [String: [FacetCount]]
    }

    public func search(
        _ r: SearchRequest, profiles: ProfileSet, draft: RankingProfile? = nil,
        deadline: Deadline = .none
    ) throws -> SupplierSearchResponse {
        let started = DispatchTime.now()
        guard r.sort == .relevance else {
            // Suppliers are ranked as a whole (best match, breadth, service); a price or
            // sales order belongs to offers, so say so instead of quietly ignoring it.
            throw SearchError.invalid([
                FieldIssue(field: "sort", reason: "supplier search ranks by relevance only; sort offers with /v1/search")
            ])
        }
        var p = try planner.plan(r, profiles: profiles, draft: draft, target: .suppliers)
        // A place named in the query ranks suppliers there first rather than filtering (filters stay filters).
        let places = p.cues.places + r.filters.places
        p.filters.places = r.filters.places
        // The offers listed under each supplier are ranked by the offer profile for the same intent and channel.
        let offerProfile =
            profiles.resolve(intent: p.intent, channel: r.channel, target: .offers)
            ?? RankingProfile(name: ProfileSet.defaultName, weights: ["text_bm25": 1])
        let (found, missing) = try index.withShards(deadline: deadline) { db, missing in
            (try collect(p, r, db, deadline), missing)
        }
        let window = SupplierWindow(
            qty: p.qty, maxTextScore: found.candidates.flatMap { $0.offers }.map(\.textScore).max() ?? 0, places: places)
        let scorer = SupplierScorer(profile: p.profile)
        let ranked = found.candidates.map { ($0, scorer.score($0, in: window)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.supplierID < $1.0.supplierID }
        let offset = (r.page - 1) * r.size
        let page = ranked.dropFirst(offset).prefix(r.size)
        // Stored offers of the suppliers on the requested page, for names and titles.
        let docids = page.flatMap { $0.0.offers.map(\.docid) }
        let stored = Dictionary(uniqueKeysWithValues: zip(docids, try index.withDatabase(deadline: deadline) { try $0.data(of: docids) }))
        let offerWindow = RankingWindow(
            candidates: found.candidates.flatMap(\.offers), qty: p.qty, plan: p.units, today: p.today,
            lexicon: planner.understanding.lexicon)
        let offerScorer = Scorer(profile: offerProfile)
        var suppliers: [SupplierHit] = []
        for (k, (candidate, score)) in page.enumerated() {
            let briefs = candidate.offers.map { c -> SupplierHit.OfferBrief in
                let (id, title) = OfferSearch.idAndTitle((stored[c.docid] ?? nil) ?? [])
                return SupplierHit.OfferBrief(
                    id: id, title: title, score: offerScorer.score(c, in: offerWindow),
                    priceAtQty: (c.record.unitPrice(at: p.qty) * 100).rounded() / 100)
            }.sorted { $0.score > $1.score }
            let best = (try? JSONValue.parse((stored[candidate.best.docid] ?? nil) ?? [])) ?? .object([])
            let rec = candidate.best.record
            suppliers.append(
                SupplierHit(
                    id: candidate.supplierID, name: best["supplier"]?["name"]?.stringValue ?? "",
                    kind: rec.kind, region: rec.region, province: rec.province, belt: rec.belt, years: rec.supplierYears,
                    score: score, rank: offset + k + 1, matchingOffers: candidate.matchingOffers, offers: briefs,
                    explanation: r.explain ? scorer.explain(candidate, in: window) : nil))
        }
        var analyzed = p.query.analyzed
        analyzed.relaxed = found.candidates.contains { $0.best.tier > 0 }
        let took = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        return SupplierSearchResponse(
            total: found.total, totalExact: found.exact, tookMs: (took * 1000).rounded() / 1000,
            partial: !missing.isEmpty, missingShards: missing, page: r.page, size: r.size,
            query: analyzed, intent: p.intent, intentSource: p.intentSource, qty: p.qty, qtySource: p.qtySource,
            profile: p.profile.name, filters: p.filters, suppliers: suppliers, facets: found.facets)
    }

    /// The collapsed pass (and the counting pass when facets are asked for).
    private func collect(_ p: SearchPlan, _ r: SearchRequest, _ db: XapianDatabase, _ deadline: Deadline) throws -> Found {
        var rr = p.retrievalRequest
        rr.facetSlots = []
        rr.deadline = deadline
        let (levels, level) = try Retriever.chooseLevels(rr, in: db)
        let query = p.units.conjunction(levels[level]).filtered(by: rr.filters)
        var s = XapianSearch(
            query: .combine(.andMaybe, [query, .scale(p.profile.priorWeight, .prior(slot: Schema.Slot.prior))]),
            limit: p.profile.window * Self.offersPerSupplier)
        s.weighting = .bm25(p.profile.bm25)
        s.collapse = (Schema.Slot.supplierID, UInt32(Self.offersPerSupplier))
        s.rawSlots = [Schema.Slot.rankRecord]
        s.deadline = deadline
        let hits = try db.search(s)
        var order: [String] = []
        var grouped: [String: SupplierCandidate] = [:]
        for hit in hits.hits {
            guard let record = RankRecord.decode(hit.raw[0]) else { continue }
            let c = Candidate(
                docid: hit.docid, textScore: max(0, hit.weight - p.profile.priorWeight * record.stats.qualityPrior),
                tier: level, record: record)
            if grouped[record.supplierID] == nil {
                order.append(record.supplierID)
                grouped[record.supplierID] = SupplierCandidate(supplierID: record.supplierID, offers: [], moreMatching: 0)
            }
            grouped[record.supplierID]!.offers.append(c)
            grouped[record.supplierID]!.moreMatching = max(grouped[record.supplierID]!.moreMatching, hit.collapseCount)
        }
        let exhaustive = hits.hits.count < s.limit
        var found = Found(
            candidates: order.map { grouped[$0]! },
            // Xapian estimates distinct collapse keys; an exact count costs a pass over every match.
            total: exhaustive ? order.count : max(order.count, hits.matchesEstimated), exact: exhaustive, facets: [:])
        guard !r.facets.isEmpty else { return found }
        var count = XapianSearch(query: query, limit: try db.stats().documentCount)
        count.weighting = .boolean
        count.collapse = (Schema.Slot.supplierID, 1)
        count.rawSlots = r.facets.map(\.slot)
        count.checkAtLeast = count.limit
        count.deadline = deadline
        let perSupplier = try db.search(count)
        found.total = perSupplier.hits.count
        found.exact = true
        for (k, facet) in r.facets.enumerated() {
            var tally: [String: Int] = [:]
            for h in perSupplier.hits { tally[String(decoding: h.raw[k], as: UTF8.self), default: 0] += 1 }
            found.facets[facet.rawValue] = tally.filter { !$0.key.isEmpty }.map { FacetCount(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        return found
    }
}
