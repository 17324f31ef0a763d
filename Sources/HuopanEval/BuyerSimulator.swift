import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanRanking
import HuopanText

/// One shown offer in a simulated session.
public struct Interaction: Codable, Sendable, Hashable {
    public var session: String
    public var qid: String
    public var query: String
    public var intent: BuyerIntent?
    public var rank: Int
    public var offer: String
    public var clicked: Bool
    public var ordered: Bool
}

/// Plays buyers against the live ranking and logs what they click and order.
///
/// Click model (position-based, Craswell et al. 2008, with intent):
/// - a buyer examines rank r with probability `1 / r^0.7` (position bias);
/// - an examined offer is clicked with probability `a(grade) × (0.5 + fit)`,
///   a(0..3) = 0.02, 0.10, 0.35, 0.60 from the judged grade, and `fit` in 0...1
///   the offer's fit to the buyer's intent (below);
/// - a clicked offer is ordered with probability `o(grade) × fit`,
///   o(0..3) = 0.01, 0.03, 0.15, 0.45.
///
/// Intent fit follows the design brief: bulk buyers want source factories,
/// capacity and a low unit price at their quantity; buyers testing a product
/// want dropshipping, a tiny MOQ and a fresh listing; small-batch buyers want an
/// MOQ within their quantity and 72-hour shipping; customisers want
/// customisation options and factories. Without an intent, fit is 0.5.
public struct BuyerSimulator: Sendable {
    public let search: OfferSearch
    public var sessionsPerQuery = 20
    public var shown = 20

    public init(search: OfferSearch) { self.search = search }

    public static func examine(_ rank: Int) -> Double { 1 / pow(Double(rank), 0.7) }
    static let attractiveness = [0.02, 0.10, 0.35, 0.60]
    static let ordering = [0.01, 0.03, 0.15, 0.45]

    /// How well an offer serves a buyer's intent and quantity, 0...1.
    public static func fit(_ offer: JSONValue, intent: BuyerIntent?, qty: Int) -> Double {
        guard let intent else { return 0.5 }
        let kind = offer["supplier"]?["kind"]?.stringValue
        let moq = Int(offer["moq"]?.numberValue ?? 1)
        let capacity = offer["monthly_capacity"]?.numberValue ?? 0
        let dropship = offer["dropship"] == .bool(true)
        var customizations = 0
        if case .array(let a)? = offer["customization"] { customizations = a.count }
        let ship = offer["stats"]?["ship_72h_rate"]?.numberValue ?? 0
        var score = 0.0
        switch intent {
        case .bulkWholesale:
            score = (kind == "factory" ? 0.45 : 0.1) + (capacity >= Double(10 * qty) ? 0.3 : 0.1) + (moq <= qty ? 0.25 : 0)
        case .newProductTesting:
            score = (dropship ? 0.5 : 0) + (moq <= 2 ? 0.3 : 0.05) + 0.2 * ship
        case .smallBatch:
            score = (moq <= qty ? 0.5 : 0.1) + 0.5 * ship
        case .customization:
            score = min(1, Double(customizations) / 3) * 0.6 + (kind == "factory" ? 0.4 : 0.05)
        }
        return min(1, score)
    }

    public func simulate(_ queries: [JudgedQuery], qrels: Qrels, profiles: ProfileSet, seed: UInt64) throws -> [Interaction] {
        var rng = SeededRandom(seed: seed)
        var log: [Interaction] = []
        for q in queries {
            let response = try search.search(
                SearchRequest(q: q.query, intent: q.intent, qty: q.qty, channel: q.channel, size: shown),
                profiles: profiles)
            let intent = response.intent
            let qty = response.qty
            let fits = response.hits.map { Self.fit($0.offer, intent: intent, qty: qty) }
            for s in 0..<sessionsPerQuery {
                let session = "\(q.qid)-s\(s)"
                for (i, hit) in response.hits.enumerated() {
                    let grade = qrels.grade(q.qid, hit.id)
                    let examined = rng.unit() < Self.examine(i + 1)
                    let clicked = examined && rng.unit() < Self.attractiveness[grade] * (0.5 + fits[i])
                    let ordered = clicked && rng.unit() < Self.ordering[grade] * fits[i]
                    log.append(
                        Interaction(
                            session: session, qid: q.qid, query: q.query, intent: intent, rank: i + 1,
                            offer: hit.id, clicked: clicked, ordered: ordered))
                }
            }
        }
        return log
    }
}

/// Turns interaction logs into graded judgments, correcting for position bias
/// with clicks over expected clicks (COEC): an offer's clicks divided by the
/// examinations its positions would get, Σ 1/r^0.7 over its impressions.
/// Grades: order rate ≥ 5% → 3; COEC ≥ 0.3 → 2; COEC ≥ 0.1 → 1; else 0.
/// Offers shown fewer than `minImpressions` times are left unjudged.
public enum LogJudgments {
    public static func qrels(from log: [Interaction], minImpressions: Int = 5) -> Qrels {
        struct Tally { var impressions = 0; var expected = 0.0; var clicks = 0; var orders = 0 }
        var tallies: [String: [String: Tally]] = [:]
        for e in log {
            var t = tallies[e.qid, default: [:]][e.offer, default: Tally()]
            t.impressions += 1
            t.expected += BuyerSimulator.examine(e.rank)
            if e.clicked { t.clicks += 1 }
            if e.ordered { t.orders += 1 }
            tallies[e.qid, default: [:]][e.offer] = t
        }
        var q = Qrels()
        for (qid, offers) in tallies {
            for (offer, t) in offers where t.impressions >= minImpressions {
                let coec = Double(t.clicks) / max(t.expected, 1e-9)
                let orderRate = Double(t.orders) / Double(t.impressions)
                q.grades[qid, default: [:]][offer] = orderRate >= 0.05 ? 3 : coec >= 0.3 ? 2 : coec >= 0.1 ? 1 : 0
            }
        }
        return q
    }
}
