/// Scores suppliers as a weighted sum of supplier features (the same
/// composition and explanations as offers).
public struct SupplierScorer: Sendable {
    private let sum: WeightedSum<SupplierCandidate, SupplierWindow>

    public init(profile: RankingProfile) {
        sum = WeightedSum(profile: profile, features: SupplierFeatures.all)
    }

    public func score(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { sum.score(s, in: w) }

    public func explain(_ s: SupplierCandidate, in w: SupplierWindow) -> Explanation { sum.explain(s, in: w) }
}
