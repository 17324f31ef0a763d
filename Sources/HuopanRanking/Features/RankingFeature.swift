// HuopanRanking: second-phase ranking. Each feature is a small named unit
// with its formula in its doc comment (Features/); a profile weighs them; the
// scorer composes them; supplier diversity and the exposure rule order pages;
// OfferSearch runs the whole pipeline.
import HuopanCatalog
import HuopanIndex

/// One ranking signal, normalised to 0...1 (1 = better for the buyer).
public typealias RankingFeature = WeightedFeature<Candidate, RankingWindow>

/// The group a feature belongs to (what ranking weighs, per the design brief).
public enum FeatureGroup: String, Sendable, Codable, CaseIterable {
    case text, product, service, intent
}

/// Every feature, in explanation order. Profiles may weigh only these names.
public enum Features {
    public static let all: [(group: FeatureGroup, feature: any RankingFeature)] = [
        (.text, TextBM25()), (.text, TextPhrase()), (.text, HeadWord()), (.text, CategoryMatch()),
        (.product, Sales()), (.product, Buyers()), (.product, Repurchase()), (.product, Rating()),
        (.service, Ship72h()), (.service, ReplyRate()), (.service, ReplySpeed()), (.service, LowDisputes()), (.service, LowReturns()),
        (.intent, PriceAtQuantity()), (.intent, MOQFit()), (.intent, CapacityFit()), (.intent, Dropship()),
        (.intent, CustomizationSupport()), (.intent, Freshness()), (.intent, SourceFactory()),
    ]

    public static let names: [String] = all.map { type(of: $0.feature).name }

    public static func named(_ name: String) -> (any RankingFeature)? {
        all.first { type(of: $0.feature).name == name }?.feature
    }
}
