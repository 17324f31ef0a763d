import Foundation
import HuopanCatalog
import HuopanText

/// Graded judgments derived from what buyers did after real searches (the search log joined
/// with behaviour events by `query_id`), as TREC qrels that `huopan eval`, `compare` and
/// `tune` read like any judged set.
///
/// Searches are grouped by their query text (normalised: lower case, spaces collapsed); a
/// group's qid is a hash of that text, stable as the log grows. Every hit a search returned
/// counts as an impression at its position. Clicks, inquiries, add-to-carts and orders count
/// at most once per search and offer. Two position-bias-aware click models:
///
/// - **COEC** (clicks over expected clicks): `ctr(p)` = clicks at position p / impressions at
///   p, over the whole log; an offer's `coec = clicks / Σ ctr(p)` over its impressions, so 1
///   means "clicked as often as an average offer at the same positions".
///   Click grade: coec ≥ 1.5 → 2, coec ≥ 0.5 → 1, else 0.
/// - **SDBN** (simplified dynamic Bayesian network, Chapelle & Zhang 2009, cascade family):
///   in a search with clicks the buyer examined every hit down to the last click;
///   attractiveness `a = clicks / examinations`, satisfaction `s = last clicks / clicks`,
///   relevance `a × s`. Searches without a click say nothing.
///   Click grade: a × s ≥ 0.3 → 2, ≥ 0.1 → 1, else 0.
///
/// Deeper actions weigh more than clicks: with `conversions` = searches in which the buyer
/// inquired, added to the purchase list or ordered the offer, and `orders` those that
/// ordered it, the grade is 3 when orders / impressions ≥ 2% (and at least 2 orders), else
/// at least 2 when conversions / impressions ≥ 5%, else the click grade. An offer shown
/// fewer than `minImpressions` times for a query is not judged.
public struct ImplicitJudgments: Sendable {
    public enum Model: String, Sendable, CaseIterable, Codable {
        case coec, sdbn
    }

    public var model: Model = .coec
    public var minImpressions = 10

    public init(model: Model = .coec, minImpressions: Int = 10) {
        self.model = model
        self.minImpressions = minImpressions
    }

    /// The evidence behind one judgment.
    public struct Evidence: Sendable, Codable, Hashable {
        public var qid: String
        public var offerId: String
        public var grade: Int
        public var impressions: Int
        public var clicks: Int
        public var expectedClicks: Double
        public var coec: Double
        public var attractiveness: Double
        public var satisfaction: Double
        public var conversions: Int
        public var orders: Int

        enum CodingKeys: String, CodingKey {
            case qid, offerId = "offer_id", grade, impressions, clicks, expectedClicks = "expected_clicks", coec
            case attractiveness, satisfaction, conversions, orders
        }
    }

    public struct Result: Sendable {
        /// One per query text with at least one judgment, with how often it was searched.
        public var queries: [(query: JudgedQuery, searches: Int)]
        public var qrels: Qrels
        public var evidence: [Evidence]
        public var searches: Int
        public var events: Int
        /// Events whose query_id is in no logged search.
        public var unmatchedEvents: Int
    }

    /// The qid of a query text: stable across runs and log growth.
    public static func qid(for text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in normalized(text).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "u" + String(h, radix: 16)
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    public func derive(searches: [UBIQuery], events: [UBIEvent]) -> Result {
        struct Tally {
            var impressions = 0
            var expected = 0.0
            var clicks = 0
            var examined = 0
            var lastClicks = 0
            var conversions = 0
            var orders = 0
            var positions: [Int] = []
        }
        let byId = Dictionary(searches.map { ($0.queryId, $0) }, uniquingKeysWith: { first, _ in first })
        // Per search: offers clicked, converted, ordered.
        var clicked: [String: Set<String>] = [:], converted: [String: Set<String>] = [:], ordered: [String: Set<String>] = [:]
        var unmatched = 0
        for e in events {
            guard byId[e.queryId] != nil else {
                unmatched += 1
                continue
            }
            switch e.actionName {
            case .impression: break
            case .click: clicked[e.queryId, default: []].insert(e.objectId)
            case .inquiry, .addToCart: converted[e.queryId, default: []].insert(e.objectId)
            case .order:
                converted[e.queryId, default: []].insert(e.objectId)
                ordered[e.queryId, default: []].insert(e.objectId)
            }
        }
        // Position click-through rates over the whole log (COEC's expectation).
        var shownAt: [Int: Int] = [:], clickedAt: [Int: Int] = [:]
        for s in searches {
            let clicks = clicked[s.queryId] ?? []
            for (i, id) in s.queryResponseHitIds.enumerated() {
                let p = s.queryAttributes.firstPosition + i
                shownAt[p, default: 0] += 1
                if clicks.contains(id) { clickedAt[p, default: 0] += 1 }
            }
        }
        func ctr(_ p: Int) -> Double { Double(clickedAt[p] ?? 0) / Double(max(1, shownAt[p] ?? 0)) }

        var tallies: [String: [String: Tally]] = [:]
        var texts: [String: (text: String, count: Int, intents: [String: Int])] = [:]
        for s in searches {
            let qid = Self.qid(for: s.userQuery)
            var t = texts[qid] ?? (Self.normalized(s.userQuery), 0, [:])
            t.count += 1
            if let i = s.queryAttributes.intent { t.intents[i, default: 0] += 1 }
            texts[qid] = t
            let clicks = clicked[s.queryId] ?? []
            let lastClick = s.queryResponseHitIds.lastIndex(where: clicks.contains)
            for (i, id) in s.queryResponseHitIds.enumerated() {
                var tally = tallies[qid, default: [:]][id, default: Tally()]
                tally.impressions += 1
                tally.expected += ctr(s.queryAttributes.firstPosition + i)
                if clicks.contains(id) { tally.clicks += 1 }
                if let last = lastClick, i <= last { tally.examined += 1 }
                if i == lastClick { tally.lastClicks += 1 }
                if converted[s.queryId]?.contains(id) == true { tally.conversions += 1 }
                if ordered[s.queryId]?.contains(id) == true { tally.orders += 1 }
                tallies[qid, default: [:]][id] = tally
            }
        }

        var qrels = Qrels()
        var evidence: [Evidence] = []
        for (qid, offers) in tallies {
            for (offer, t) in offers where t.impressions >= minImpressions {
                let coec = Double(t.clicks) / max(t.expected, 1e-9)
                let a = t.examined > 0 ? Double(t.clicks) / Double(t.examined) : 0
                let s = t.clicks > 0 ? Double(t.lastClicks) / Double(t.clicks) : 0
                var grade: Int
                switch model {
                case .coec: grade = coec >= 1.5 ? 2 : coec >= 0.5 ? 1 : 0
                case .sdbn: grade = a * s >= 0.3 ? 2 : a * s >= 0.1 ? 1 : 0
                }
                let impressions = Double(t.impressions)
                if t.orders >= 2 && Double(t.orders) / impressions >= 0.02 {
                    grade = 3
                } else if Double(t.conversions) / impressions >= 0.05 {
                    grade = max(grade, 2)
                }
                qrels.grades[qid, default: [:]][offer] = grade
                evidence.append(
                    Evidence(
                        qid: qid, offerId: offer, grade: grade, impressions: t.impressions, clicks: t.clicks,
                        expectedClicks: t.expected, coec: coec, attractiveness: a, satisfaction: s,
                        conversions: t.conversions, orders: t.orders))
            }
        }
        let queries = qrels.grades.keys.sorted().compactMap { qid -> (JudgedQuery, Int)? in
            guard let t = texts[qid] else { return nil }
            let intent = t.intents.max { $0.value < $1.value }.flatMap { BuyerIntent(rawValue: $0.key) }
            return (JudgedQuery(qid: qid, query: t.text, intent: intent), t.count)
        }
        evidence.sort { ($0.qid, $1.grade, $0.offerId) < ($1.qid, $0.grade, $1.offerId) }
        return Result(
            queries: queries, qrels: qrels, evidence: evidence, searches: searches.count, events: events.count, unmatchedEvents: unmatched)
    }

    /// How to choose queries from the log, as OpenSearch's Search Relevance Workbench does.
    public enum Sampling: Sendable, Equatable {
        /// The `n` most searched.
        case top(Int)
        /// `n` distinct queries drawn uniformly.
        case random(Int, seed: UInt64)
        /// `n` distinct queries drawn with probability proportional to how often they were
        /// searched (head queries likely, the tail still represented).
        case pps(Int, seed: UInt64)
    }

    /// Keeps the queries `sampling` chooses, and their judgments.
    public static func sample(_ result: Result, _ sampling: Sampling) -> Result {
        var pool = result.queries.sorted { ($1.searches, $0.query.qid) < ($0.searches, $1.query.qid) }
        var chosen: [(query: JudgedQuery, searches: Int)] = []
        switch sampling {
        case .top(let n):
            chosen = Array(pool.prefix(n))
        case .random(let n, let seed):
            var rng = SeededRandom(seed: seed)
            pool.shuffle(using: &rng)
            chosen = Array(pool.prefix(n))
        case .pps(let n, let seed):
            var rng = SeededRandom(seed: seed)
            // Efraimidis–Spirakis: key u^(1/w), keep the n largest.
            let keyed = pool.map { q -> (Double, (query: JudgedQuery, searches: Int)) in
                let u = max(rng.unit(), 1e-12)
                return (pow(u, 1 / Double(max(1, q.searches))), q)
            }
            chosen = keyed.sorted { $0.0 > $1.0 }.prefix(n).map(\.1)
        }
        let keep = Set(chosen.map(\.query.qid))
        var out = result
        out.queries = chosen.sorted { $0.query.qid < $1.query.qid }
        out.qrels = Qrels(result.qrels.grades.filter { keep.contains($0.key) })
        out.evidence = result.evidence.filter { keep.contains($0.qid) }
        return out
    }
}
