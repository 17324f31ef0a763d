/// A named signal over the items of one kind (offers, suppliers), normalised to
/// 0...1 relative to the window it is ranked in.
public protocol WeightedFeature<Item, Window>: Sendable {
    associatedtype Item
    associatedtype Window
    /// Stable name used in profiles and explanations.
    static var name: String { get }
    /// What the feature measures, for the API and the console.
    static var summary: String { get }
    /// The feature's value for one item, in 0...1.
    func value(_ item: Item, in window: Window) -> Double
}

/// `score = Σ weight_f × value_f` over the features a profile weighs (weight > 0):
/// the one composition behind offer and supplier scoring, so both score and
/// explain themselves the same way.
public struct WeightedSum<Item, Window>: Sendable {
    public typealias Term = (name: String, weight: Double, feature: any WeightedFeature<Item, Window>)
    /// Every weighted feature, in the order the features were given.
    public let active: [Term]

    public init(profile: RankingProfile, features: [any WeightedFeature<Item, Window>]) {
        active = features.compactMap { f in
            let name = type(of: f).name
            let w = profile.weight(name)
            return w > 0 ? (name, w, f) : nil
        }
    }

    public func score(_ item: Item, in window: Window) -> Double {
        var s = 0.0
        for a in active { s += a.weight * a.feature.value(item, in: window) }
        return s
    }

    /// Values, weights and contributions of every weighted feature; the
    /// contributions sum to `score(_:in:)`.
    public func explain(_ item: Item, in window: Window) -> Explanation {
        var e = Explanation()
        for a in active {
            let v = a.feature.value(item, in: window)
            e.values[a.name] = v
            e.weights[a.name] = a.weight
            e.contributions[a.name] = a.weight * v
            e.score += a.weight * v
        }
        return e
    }
}
