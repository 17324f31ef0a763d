import Foundation

/// Normalised signals derived from offer statistics, each in 0...1. They are
/// shared by the index (the static quality prior) and by ranking features, so
/// one formula serves both.
extension OfferStats {
    /// Prior mean and weight of the Bayesian rating average: an offer with few
    /// reviews is pulled towards the marketplace mean instead of ranking on two 5-star reviews.
    public static let ratingPriorMean = 4.5
    public static let ratingPriorWeight = 20.0

    /// (rating·reviews + 4.5·20) / (reviews + 20), mapped from 3...5 to 0...1.
    public var smoothedRating: Double {
        let r = (rating * Double(reviews) + Self.ratingPriorMean * Self.ratingPriorWeight) / (Double(reviews) + Self.ratingPriorWeight)
        return min(1, max(0, (r - 3) / 2))
    }

    /// log(1 + x) / log(1 + cap), capped at 1: sales are heavy-tailed, so their
    /// logarithm is what separates offers.
    public static func logScaled(_ x: Int, cap: Double) -> Double {
        x <= 0 ? 0 : min(1, log1p(Double(x)) / log1p(cap))
    }

    /// Static quality prior used by first-phase retrieval, query-independent:
    /// 0.35·sales + 0.15·buyers (log-scaled, caps 20,000 and 5,000)
    /// + 0.2·smoothed rating + 0.15·72-hour shipping + 0.15·reply rate.
    public var qualityPrior: Double {
        0.35 * Self.logScaled(sales30d, cap: 20_000) + 0.15 * Self.logScaled(buyers30d, cap: 5_000)
            + 0.2 * smoothedRating + 0.15 * ship72hRate + 0.15 * replyRate
    }
}
