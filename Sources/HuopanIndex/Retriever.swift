import Dispatch

/// What first-phase retrieval is asked for.
public struct RetrievalRequest: Sendable {
    public var plan: QueryPlan
    public var filters: [XapianQuery] = []
    /// Candidates returned for second-phase ranking.
    public var window = 1_000
    /// Relax the query when the strict form finds fewer offers than this.
    public var relaxBelow = 20
    /// A relaxed query must keep a product word of two characters or more, or a
    /// unit matching at most this share of the collection: relaxing 工厂头盔 to
    /// 工厂 (every title with 工厂直销), or 中药坐浴包 to 包, is no answer, and
    /// costs a pass over a tenth of the index.
    public var specificShare = 0.01
    /// Weight of the static quality prior added to BM25 in phase one; it only
    /// decides which matches enter the window, never whether an offer matches.
    public var priorWeight = 1.0
    public var bm25 = BM25Parameters()
    public var facetSlots: [UInt32] = []
    public var facetLimit = 50
    /// Count matches exactly (costs a pass over all matches); otherwise estimate.
    public var exactTotal = false
    public var sort: (slot: UInt32, descending: Bool)?
    /// Vespa's match-phase limit: a pass estimated to match more than this many offers walks
    /// only the best-quality share of the index expected to hold this many (0: walk all).
    /// Needs an index numbered by quality (`XapianDatabase.docidsFollowQuality`); never applies
    /// to a sorted or exactly counted search. Facet counts of a limited pass are estimates.
    public var maxHits = 0
    /// Every Xapian pass of the retrieval stops here.
    public var deadline = Deadline.none

    public init(plan: QueryPlan) { self.plan = plan }
}

/// One offer in the candidate window.
public struct Candidate: Sendable {
    public var docid: UInt32
    /// BM25 of the offer's relaxation tier query, prior removed.
    public var textScore: Double
    /// 0 when the offer matches every unit of the query; t when it matches only
    /// after the t least informative units were dropped.
    public var tier: Int
    public var record: RankRecord

    public init(docid: UInt32, textScore: Double, tier: Int, record: RankRecord) {
        self.docid = docid
        self.textScore = textScore
        self.tier = tier
        self.record = record
    }
}

public struct Retrieval: Sendable {
    public var candidates: [Candidate]
    /// Offers matching at the chosen relaxation level (with filters).
    public var total: Int
    public var totalIsExact: Bool
    /// Relaxation level used: how many units were dropped.
    public var level: Int
    /// Units dropped to reach `level`, least informative first.
    public var droppedUnits: [QueryUnit]
    public var facets: [[(value: String, count: Int)]]
    /// Milliseconds spent choosing the relaxation level, in Xapian's match passes, and
    /// decoding rank records (benchmarks break a search down by them).
    public var relaxationMs = 0.0
    public var matchingMs = 0.0
    public var recordsMs = 0.0
    /// The share of the index the window came from when the match-phase limit applied
    /// (`RetrievalRequest.maxHits`), nil when every match was looked at. With several
    /// relaxation tiers limited, the smallest of their shares.
    public var matchedShare: Double?
}

/// First-phase retrieval: strict AND over the query units; when that finds too
/// little, units are dropped one at a time until enough offers match: units
/// matching nothing first, then the most frequent (lowest IDF) ones, product
/// words last (保温杯 礼盒 relaxes to 保温杯, not to 礼盒: IDF alone would
/// keep the rare modifier and drop what the buyer is looking for).
///
/// The window is filled tier by tier: every offer matching all units comes
/// before any offer that needed a relaxation, which is what lets ranking keep
/// relevance first. The relaxation level is chosen without the filters (they
/// are the buyer's hard constraints, and a facet count must stay equal to what
/// filtering by it returns), going deeper only when the filters leave nothing.
public enum Retriever {
    public static func retrieve(_ r: RetrievalRequest, in db: XapianDatabase) throws -> Retrieval {
        func ms(_ since: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - since.uptimeNanoseconds) / 1e6 }
        let started = DispatchTime.now()
        let (levels, strictCount) = try relaxationLevels(r, db)
        let level = try chooseLevel(levels, strictCount: strictCount, r, db)
        let relaxationMs = ms(started)
        var matchingMs = 0.0, recordsMs = 0.0
        var dropped: [QueryUnit] = []
        for l in stride(from: 1, through: level, by: 1) {
            dropped += levels[l - 1].filter { !levels[l].contains($0) }
        }
        let prior = XapianQuery.scale(r.priorWeight, .prior(slot: Schema.Slot.prior))
        var candidates: [Candidate] = []
        var facets: [[(value: String, count: Int)]] = []
        var total = 0
        var exact = false
        var matchedShare: Double?
        let doccount = r.exactTotal || !r.facetSlots.isEmpty ? try db.stats().documentCount : 0
        for tier in 0...level {
            var q = r.plan.conjunction(levels[tier])
            if tier > 0 { q = .combine(.andNot, [q, r.plan.conjunction(levels[tier - 1])]) }
            var s = XapianSearch(query: .combine(.andMaybe, [q.filtered(by: r.filters), prior]), limit: r.window - candidates.count)
            s.weighting = .bm25(r.bm25)
            s.rawSlots = [Schema.Slot.rankRecord]
            s.sort = r.sort
            s.deadline = r.deadline
            let lastTier = tier == level
            if lastTier, level == 0 {
                // Single tier: the same pass counts and feeds the facets.
                s.checkAtLeast = doccount > 0 ? doccount : r.window
                s.facetSlots = r.facetSlots
                s.facetLimit = r.facetLimit
            }
            if s.limit <= 0 && !(lastTier && level == 0) { break }
            let matchStarted = DispatchTime.now()
            let (result, estimate) = try windowPass(s, matching: q.filtered(by: r.filters), r, db)
            matchingMs += ms(matchStarted)
            if let estimate, estimate.share < 1 { matchedShare = min(matchedShare ?? 1, estimate.share) }
            let decodeStarted = DispatchTime.now()
            defer { recordsMs += ms(decodeStarted) }
            for hit in result.hits {
                guard let record = RankRecord.decode(hit.raw[0]) else { continue }
                // The prior's weight is removed to leave BM25. It is recomputed from the
                // record rather than read from its slot: one value read per candidate, not two.
                let prior = record.stats.qualityPrior
                candidates.append(
                    Candidate(
                        docid: hit.docid, textScore: max(0, hit.weight - r.priorWeight * prior),
                        tier: tier, record: record))
            }
            if level == 0 {
                total = estimate?.matches ?? result.exactCount ?? result.matchesEstimated
                exact = estimate?.exact ?? (result.exactCount != nil)
                facets = result.facets
            }
            if candidates.count >= r.window { break }
        }
        if level > 0 {
            var s = XapianSearch(query: r.plan.conjunction(levels[level]).filtered(by: r.filters), limit: 0)
            s.weighting = .boolean
            s.deadline = r.deadline
            s.checkAtLeast = doccount > 0 ? doccount : r.window
            s.facetSlots = r.facetSlots
            s.facetLimit = r.facetLimit
            let matchStarted = DispatchTime.now()
            // Without facets this pass stops after `window` matches; facets count every match,
            // which a head query's relaxed form (工具) has tens of thousands of.
            let (result, estimate) =
                r.facetSlots.isEmpty ? (try db.search(s), nil) : try windowPass(s, matching: s.query, r, db)
            matchingMs += ms(matchStarted)
            if let estimate, estimate.share < 1 { matchedShare = min(matchedShare ?? 1, estimate.share) }
            total = estimate?.matches ?? result.exactCount ?? result.matchesEstimated
            exact = estimate?.exact ?? (result.exactCount != nil)
            facets = result.facets
        }
        return Retrieval(
            candidates: candidates, total: max(total, candidates.count), totalIsExact: exact,
            level: level, droppedUnits: dropped, facets: facets, relaxationMs: relaxationMs, matchingMs: matchingMs,
            recordsMs: recordsMs, matchedShare: matchedShare)
    }

    /// One tier's window pass: the top `s.limit` matches by BM25 + prior.
    ///
    /// On an index numbered best quality first, a pass whose query (`matching`, the tier's
    /// filtered query without the prior) is estimated to match more than twice `maxHits`
    /// walks only the share `maxHits / estimate` of the docid space: the part expected to
    /// hold `maxHits` of its matches, all of them the best by static quality. Xapian's
    /// matcher ends where that share ends, so the cost follows `maxHits`, not the number
    /// of matches. When the share holds fewer matches than the pass keeps (the estimate was
    /// high, or the query's offers are of low quality), the share grows by what the matches
    /// found so far say the density is (at least doubling), and only the new part is walked;
    /// at the end of the docids the pass has returned exactly what a whole walk returns.
    /// Returns the estimate and the share finally walked, or nil when nothing was limited.
    static func windowPass(
        _ s: XapianSearch, matching: XapianQuery, _ r: RetrievalRequest, _ db: XapianDatabase
    ) throws -> (XapianResults, (matches: Int, share: Double, exact: Bool)?) {
        guard db.docidsFollowQuality, r.maxHits > 0, r.sort == nil, !r.exactTotal else {
            return (try db.search(s), nil)
        }
        let estimated = try matches(matching, db, checkAtLeast: 0, deadline: r.deadline).estimated
        guard estimated > 2 * r.maxHits else { return (try db.search(s), nil) }
        var (from, to) = (0.0, Double(r.maxHits) / Double(estimated))
        let counting = !s.facetSlots.isEmpty
        var hits: [XapianHit] = []
        var seen = 0
        var counts: [[String: Int]] = Array(repeating: [:], count: s.facetSlots.count)
        var result: XapianResults
        while true {
            var part = s
            part.docidShare = from...to
            // Facets count every match of the part (the part is bounded), every value of it:
            // the parts' counts are added up before the most frequent are kept.
            if counting { part.facetLimit = 0 } else { part.checkAtLeast = 0 }
            result = try db.search(part)
            hits += result.hits
            seen += result.matchesLowerBound
            for (i, facet) in result.facets.enumerated() { for (value, n) in facet { counts[i][value, default: 0] += n } }
            // A part that did not fill the window returned every match it holds, so `hits` counts
            // the matches walked; facets need half of `maxHits` counted to stand for the rest.
            let found = counting ? seen : hits.count
            if (hits.count >= s.limit && (!counting || seen >= r.maxHits / 2)) || to >= 1 { break }
            let density = Double(found) / to
            (from, to) = (to, min(1, max(2 * to, density > 0 ? Double(r.maxHits) / density : 1)))
        }
        if from > 0 {
            hits.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.docid < $1.docid }
            result.hits = Array(hits.prefix(s.limit))
        }
        if counting {
            // Counts over the walked share stand for all matches: scaled to the estimated total
            // (the response's `matched_share` says they are estimates), exact when all was walked.
            let scale = to < 1 ? Double(estimated) / Double(max(1, seen)) : 1
            result.facets = counts.map { facet in
                let ordered = facet.map { (value: $0.key, count: Int((Double($0.value) * scale).rounded())) }
                    .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
                return s.facetLimit > 0 ? Array(ordered.prefix(s.facetLimit)) : ordered
            }
        }
        // Facets made every part count its matches, so a walk that reached the end counted all.
        let exact = to >= 1 && counting
        return (result, (exact ? seen : estimated, to, exact))
    }

    /// The relaxation levels and the one a request settles on (see `retrieve`).
    public static func chooseLevels(_ r: RetrievalRequest, in db: XapianDatabase) throws -> (levels: [[QueryUnit]], level: Int) {
        let (levels, strictCount) = try relaxationLevels(r, db)
        return (levels, try chooseLevel(levels, strictCount: strictCount, r, db))
    }

    /// Unit sets from strict (all units) down to one unit, leaving out levels
    /// with nothing specific left (see `specificShare`). Computed only when the
    /// strict query finds fewer than `relaxBelow` offers. Also returns that count when it
    /// was taken: below `relaxBelow` it is exact, and a walk over every match of the strict
    /// query (its rarest unit's postings), which `chooseLevel` need not repeat.
    static func relaxationLevels(_ r: RetrievalRequest, _ db: XapianDatabase) throws -> (levels: [[QueryUnit]], strictCount: Int?) {
        var units = r.plan.units
        guard units.count > 1 || units.first?.parts.isEmpty == false else { return ([units], nil) }
        let strictCount = try count(r.plan.conjunction(), db, atLeast: r.relaxBelow, deadline: r.deadline)
        guard strictCount < r.relaxBelow else { return ([units], strictCount) }
        var frequencies = try units.map { try frequency(of: $0.query, db, deadline: r.deadline) }
        // A word that matches nothing whole is looked for by its parts before anything is
        // dropped (莫桑石戒指 in titles that say 莫桑石 … 戒指).
        for i in units.indices where frequencies[i] == 0 && !units[i].parts.isEmpty {
            var split = units[i]
            split.matchesParts = true
            let n = try frequency(of: split.query, db, deadline: r.deadline)
            if n > 0 { (units[i], frequencies[i]) = (split, n) }
        }
        guard units.count > 1 else { return ([units], nil) }
        let specificLimit = Double(try db.stats().documentCount) * r.specificShare
        // Matching nothing first, then non-product words before product words,
        // then the most frequent (lowest IDF) first; later units before earlier ones.
        let dropOrder = units.indices.sorted { a, b in
            let (fa, fb) = (frequencies[a], frequencies[b])
            if (fa == 0) != (fb == 0) { return fa == 0 }
            if units[a].isProduct != units[b].isProduct { return !units[a].isProduct }
            return fa != fb ? fa > fb : a > b
        }
        var levels: [[QueryUnit]] = [units]
        var remaining = Set(units.indices)
        for index in dropOrder.dropLast() {
            remaining.remove(index)
            let kept = units.indices.filter(remaining.contains)
            // Sensible relaxations only: something specific must be left of the query.
            guard
                kept.contains(where: { i in
                    (units[i].isProduct && units[i].text.unicodeScalars.count >= 2)
                        || (frequencies[i] > 0 && Double(frequencies[i]) <= specificLimit)
                })
            else { continue }
            levels.append(kept.map { units[$0] })
        }
        return (levels, strictCount)
    }

    /// The first level with at least `relaxBelow` matches (else the one with most), then deeper
    /// while the filters leave nothing. `strictCount` counts `r.plan.units` when known.
    static func chooseLevel(_ levels: [[QueryUnit]], strictCount: Int? = nil, _ r: RetrievalRequest, _ db: XapianDatabase) throws -> Int {
        guard levels.count > 1 else { return 0 }
        var chosen = levels.count - 1
        var best = -1
        for (i, units) in levels.enumerated() {
            let n =
                if i == 0, let strictCount, units == r.plan.units { strictCount } else {
                    try count(r.plan.conjunction(units), db, atLeast: r.relaxBelow, deadline: r.deadline)
                }
            if n >= r.relaxBelow { chosen = i; break }
            if n > best { best = n; chosen = i }
        }
        guard !r.filters.isEmpty else { return chosen }
        while chosen < levels.count - 1,
            try count(r.plan.conjunction(levels[chosen]).filtered(by: r.filters), db, atLeast: 1, deadline: r.deadline) == 0
        {
            chosen += 1
        }
        return chosen
    }

    /// Estimated number of matches, but exactly 0 when nothing matches: the estimate of a
    /// phrase (a model number matched by its parts, t261 → t·261) can be positive when no
    /// offer has the parts adjacent, and a unit that matches nothing must be dropped first.
    public static func frequency(of q: XapianQuery, _ db: XapianDatabase, deadline: Deadline = .none) throws -> Int {
        let m = try matches(q, db, checkAtLeast: 1, deadline: deadline)
        return m.lowerBound > 0 ? max(1, m.estimated) : 0
    }

    /// Number of matches, exact up to `atLeast` (an estimate beyond it).
    static func count(_ q: XapianQuery, _ db: XapianDatabase, atLeast: Int, deadline: Deadline = .none) throws -> Int {
        let m = try matches(q, db, checkAtLeast: atLeast, deadline: deadline)
        return max(m.lowerBound, min(m.estimated, atLeast))
    }

    /// Counts only, no ranking: Xapian checks at least `checkAtLeast` documents.
    private static func matches(
        _ q: XapianQuery, _ db: XapianDatabase, checkAtLeast: Int,
        deadline: Deadline
    ) throws -> (lowerBound: Int, estimated: Int) {
        var s = XapianSearch(query: q, limit: 0)
        s.weighting = .boolean
        s.deadline = deadline
        s.checkAtLeast = checkAtLeast
        let result = try db.search(s)
        return (result.matchesLowerBound, result.matchesEstimated)
    }
}
