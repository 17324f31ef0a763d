import HuopanIndex

/// The final score as a composition: `score = Σ weight_f × value_f` over the
/// profile's features with a positive weight. Relevance tiers are applied
/// outside the score (see `OfferSearch`), so no weight can lift an offer over
/// one that matches the query better.
public struct Scorer: Sendable {
    public let profile: RankingProfile
    private let sum: WeightedSum<Candidate, RankingWindow>

    public init(profile: RankingProfile) {
        self.profile = profile
        sum = WeightedSum(profile: profile, features: Features.all.map(\.feature))
    }

    /// (name, weight, feature) for every weighted feature, in `Features.all` order.
    public var active: [WeightedSum<Candidate, RankingWindow>.Term] { sum.active }

    public func score(_ c: Candidate, in window: RankingWindow) -> Double {
        sum.score(c, in: window)
    }

    /// Values, weights and contributions of every weighted feature; the
    /// contributions sum to `score(c, in:)`.
    public func explain(_ c: Candidate, in window: RankingWindow) -> Explanation {
        var e = sum.explain(c, in: window)
        e.tier = c.tier
        return e
    }
}

/// Why an offer ranks where it does.
public struct Explanation: Codable, Sendable, Hashable {
    public var score = 0.0
    /// Feature → weight × value; sums to `score`.
    public var contributions: [String: Double] = [:]
    public var values: [String: Double] = [:]
    public var weights: [String: Double] = [:]
    /// Relevance tier: 0 = matches every query unit.
    public var tier = 0
    /// Position before supplier diversity and exposure (1-based), when they moved it.
    public var rankBeforeDiversity: Int?
    /// What diversity or exposure did to this offer, in words.
    public var diversity: String?

    enum CodingKeys: String, CodingKey {
        case score, contributions, values, weights, tier
        case rankBeforeDiversity = "rank_before_diversity", diversity
    }
}
