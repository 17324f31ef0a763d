import HuopanCatalog
import HuopanIndex

/// Recent sales, log-scaled: `log(1 + sales_30d) / log(1 + 20,000)`, capped at 1.
public struct Sales: RankingFeature {
    public static let name = "sales"
    public static let summary = "units sold in the last 30 days (log scale)"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { OfferStats.logScaled(c.record.sales, cap: 20_000) }
}

/// Distinct buyers, log-scaled: `log(1 + buyers_30d) / log(1 + 5,000)`, capped at 1.
public struct Buyers: RankingFeature {
    public static let name = "buyers"
    public static let summary = "distinct buyers in the last 30 days (log scale)"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { OfferStats.logScaled(c.record.buyers, cap: 5_000) }
}

/// Repurchase rate (复购率): `min(1, rate / 0.5)`; half the buyers coming back is excellent.
public struct Repurchase: RankingFeature {
    public static let name = "repurchase"
    public static let summary = "share of buyers who bought again"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { min(1, c.record.repurchaseRate / 0.5) }
}

/// Rating smoothed by review count (Bayesian average with prior 4.5 worth 20
/// reviews), mapped from 3...5 to 0...1: see `OfferStats.smoothedRating`.
public struct Rating: RankingFeature {
    public static let name = "rating"
    public static let summary = "rating smoothed by the number of reviews"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { c.record.stats.smoothedRating }
}
