import Foundation
import HuopanCatalog
import HuopanRanking

/// What simulated buyers really want, kept from the ranking: no profile weighs these
/// quantities in this form, so a profile can only get closer to it by learning from what
/// the buyers do.
///
/// An offer's **taste** (0…1) is
/// `0.45 · clamp((ship_72h − 0.7) / 0.3)² + 0.35 · (1 − min(1, return_rate / 0.08)) + 0.20 · min(1, supplier_years / 4)`:
/// buyers care about near-certain 72-hour shipping much more than about good shipping, hate
/// returns, and trust suppliers of some years. Its **utility** for a query is
/// `(grade / 3)² · (0.2 + 0.8 · taste)`, `grade` the judged relevance (0…3): a buyer
/// never wants an offer for the wrong product, however good its service.
///
/// The **preference metric** is nDCG@10 with utility as gain, over the offers the judged
/// set grades for the query as the ideal.
public struct HiddenPreference: Sendable {
    public let relevance: Qrels
    let tastes: [String: Double]

    /// `tastes` by offer id (see `taste(_:)`).
    public init(relevance: Qrels, tastes: [String: Double]) {
        self.relevance = relevance
        self.tastes = tastes
    }

    public static func taste(ship72h: Double, returnRate: Double, supplierYears: Int) -> Double {
        let ship = min(1, max(0, (ship72h - 0.7) / 0.3))
        return 0.45 * ship * ship + 0.35 * (1 - min(1, returnRate / 0.08)) + 0.20 * min(1, Double(supplierYears) / 4)
    }

    public static func taste(_ o: Offer) -> Double {
        taste(ship72h: o.stats.ship72hRate, returnRate: o.stats.returnRate, supplierYears: o.supplier.years)
    }

    /// The taste of a stored offer (as the catalog and the search hits carry it).
    public static func taste(_ o: JSONValue) -> Double {
        taste(
            ship72h: o["stats"]?["ship_72h_rate"]?.numberValue ?? 0, returnRate: o["stats"]?["return_rate"]?.numberValue ?? 1,
            supplierYears: Int(o["supplier"]?["years"]?.numberValue ?? 0))
    }

    /// `profile` with the service these buyers care about (72-hour shipping, returns,
    /// disputes, replies, rating) traded for price and sales: a profile they like less, the
    /// other side of the experiments that check interleaving finds the better one.
    public static func serviceTradedForPrice(_ profile: RankingProfile) -> RankingProfile {
        var p = profile
        for f in ["ship_72h", "low_returns", "low_disputes", "reply_rate", "rating"] { p.weights[f] = 0 }
        p.weights["price_at_qty"] = 2
        p.weights["sales"] = 2
        return p
    }

    public func utility(_ qid: String, _ offer: String) -> Double {
        let g = Double(relevance.grade(qid, offer)) / 3
        return g * g * (0.2 + 0.8 * (tastes[offer] ?? 0))
    }

    /// nDCG@k of `ranking` for `qid` with utility as gain.
    public func ndcg(_ qid: String, ranking: [String], k: Int = 10) -> Double {
        func dcg(_ gains: [Double]) -> Double {
            gains.prefix(k).enumerated().reduce(0) { $0 + $1.element / log2(Double($1.offset) + 2) }
        }
        let ideal = dcg((relevance.grades[qid] ?? [:]).keys.map { utility(qid, $0) }.sorted(by: >))
        return ideal > 0 ? dcg(ranking.map { utility(qid, $0) }) / ideal : 0
    }

    /// The mean preference metric of a run over `queries` (a query the run lacks scores 0).
    public func meanNDCG(_ run: Run, _ queries: [JudgedQuery], k: Int = 10) -> Double {
        guard !queries.isEmpty else { return 0 }
        return queries.reduce(0) { $0 + ndcg($1.qid, ranking: (run.results[$1.qid] ?? []).map(\.doc), k: k) } / Double(queries.count)
    }

    /// How closely `judgments` order the offers they grade for `qid` as the hidden utility
    /// does: Kendall's τ-b. Judgments that grade every offer alike order nothing: 0. Nil
    /// under 3 offers, or when the utility itself ties them all.
    public func agreement(_ grades: [String: Int], _ qid: String) -> Double? {
        let items = grades.map { (grade: Double($0.value), utility: utility(qid, $0.key)) }
        guard items.count >= 3 else { return nil }
        var concordant = 0.0, discordant = 0.0, tiesX = 0.0, tiesY = 0.0, utilityDiffers = false
        for i in items.indices {
            for j in items.indices where j > i {
                let dx = items[i].grade - items[j].grade, dy = items[i].utility - items[j].utility
                if abs(dy) >= 1e-12 { utilityDiffers = true }
                if dx == 0 && abs(dy) < 1e-12 { continue }
                if dx == 0 {
                    tiesX += 1
                } else if abs(dy) < 1e-12 {
                    tiesY += 1
                } else if (dx > 0) == (dy > 0) {
                    concordant += 1
                } else {
                    discordant += 1
                }
            }
        }
        guard utilityDiffers else { return nil }
        if concordant + discordant == 0 { return 0 }
        let denominator = ((concordant + discordant + tiesX) * (concordant + discordant + tiesY)).squareRoot()
        return (concordant - discordant) / denominator
    }
}
