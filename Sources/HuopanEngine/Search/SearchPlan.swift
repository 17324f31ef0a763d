import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// Everything a search decides before touching the index: the request, how its query
/// was read, the profile that ranks it, the buyer's intent and quantity (given or read
/// from the query), the filters (given plus those the query implies) and "today".
public struct SearchPlan: Sendable {
    public var request: SearchRequest
    public var query: UnderstoodQuery
    public var profile: RankingProfile
    public var intent: BuyerIntent?
    /// "request", "query" (inferred from a cue) or "none".
    public var intentSource: String
    public var qty: Int
    /// "request", "query" or "profile" (the profile's default).
    public var qtySource: String
    public var filters: OfferFilters
    /// Places read from the query text (温州乳胶枕) rather than given as filters: they filter
    /// while something matches there, and are let go when nothing would.
    public var cuePlaces: [String] = []
    /// Days since 1970-01-01 that count as today (freshness).
    public var today: Int

    /// This plan without the places the query text named, or nil when it named none.
    public var releasingCuePlaces: SearchPlan? {
        guard !cuePlaces.isEmpty else { return nil }
        var p = self
        p.filters.places.removeAll { cuePlaces.contains($0) }
        p.cuePlaces = []
        return p
    }

    public var units: QueryPlan { query.plan }
    public var cues: QueryCues { query.cues }

    /// Phase one for this plan: the query, filters, window and relaxation of its profile.
    public var retrievalRequest: RetrievalRequest {
        var rr = RetrievalRequest(plan: query.plan)
        rr.filters = filters.queries(qty: qty)
        rr.window = profile.window
        rr.relaxBelow = profile.relaxBelow
        rr.maxHits = profile.effectiveMaxHits
        rr.priorWeight = profile.priorWeight
        rr.bm25 = profile.bm25
        rr.facetSlots = request.facets.map(\.slot)
        switch request.sort {
        case .relevance: break
        case .priceAsc: rr.sort = (Schema.Slot.minPrice, false)
        case .priceDesc: rr.sort = (Schema.Slot.minPrice, true)
        case .salesDesc: rr.sort = (Schema.Slot.sales, true)
        case .newest: rr.sort = (Schema.Slot.listedDay, true)
        }
        return rr
    }
}

/// Turns a request into a `SearchPlan`; offer and supplier search share it.
public struct SearchPlanner: Sendable {
    public let understanding: QueryUnderstanding
    /// Days since 1970-01-01 for a request without `as_of`.
    public let today: @Sendable () -> Int

    public init(understanding: QueryUnderstanding, today: (@Sendable () -> Int)? = nil) {
        self.understanding = understanding
        self.today = today ?? { Int(Date().timeIntervalSince1970 / 86_400) }
    }

    /// Validates the request and reads the query; throws `SearchError` for caller mistakes.
    /// `draft` ranks with a profile that is not published (preview, evaluation).
    public func plan(
        _ r: SearchRequest, profiles: ProfileSet, draft: RankingProfile? = nil,
        target: RankingProfile.Target = .offers
    ) throws -> SearchPlan {
        let issues = r.validate()
        guard issues.isEmpty else { throw SearchError.invalid(issues) }
        // The channels are those the published profiles name (a draft ranks whatever the channel).
        if draft == nil, let channel = r.channel, !profiles.profiles.values.contains(where: { $0.channel == channel }) {
            let known = Set(profiles.profiles.values.compactMap(\.channel)).sorted().joined(separator: ", ")
            throw SearchError.invalid([FieldIssue(field: "channel", reason: "unknown channel \"\(channel)\" (known: \(known))")])
        }
        let query = try understanding.understand(r.q)
        let cues = query.cues
        let intent = r.intent ?? cues.intent
        let intentSource = r.intent != nil ? "request" : cues.intent != nil ? "query" : "none"
        let profile: RankingProfile
        if let draft {
            profile = draft
        } else if let name = r.profile {
            guard let p = profiles.profile(named: name) else { throw SearchError.unknownProfile(name) }
            guard p.target == target else {
                throw SearchError.invalid([
                    FieldIssue(field: "profile", reason: "\"\(name)\" ranks \(p.target.rawValue), not \(target.rawValue)")
                ])
            }
            profile = p
        } else if let p = profiles.resolve(intent: intent, channel: r.channel, target: target) {
            profile = p
        } else {
            throw SearchError.unknownProfile(target == .offers ? ProfileSet.defaultName : ProfileSet.supplierDefaultName)
        }
        let qty = r.qty ?? cues.qty ?? profile.defaultQty
        let qtySource = r.qty != nil ? "request" : cues.qty != nil ? "query" : "profile"
        var filters = r.filters
        if filters.priceMin == nil, filters.priceMax == nil {
            filters.priceMin = cues.priceMin
            filters.priceMax = cues.priceMax
        }
        let cuePlaces = cues.places.filter { !filters.places.contains($0) }
        filters.places += cuePlaces
        if cues.dropship, filters.dropship == nil { filters.dropship = true }
        // A promise to ship within 72 hours or less asks for suppliers who keep it.
        if let h = cues.shipWithinHours, h <= 72 { filters.minShip72h = max(filters.minShip72h ?? 0, 0.9) }
        let day = r.asOf.flatMap(Offer.epochDay(of:)) ?? today()
        return SearchPlan(
            request: r, query: query, profile: profile, intent: intent, intentSource: intentSource,
            qty: qty, qtySource: qtySource, filters: filters, cuePlaces: cuePlaces, today: day)
    }
}
