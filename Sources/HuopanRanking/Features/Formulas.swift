import HuopanCatalog

/// The formulas offer and supplier features share, written once. A supplier feature
/// applies the same formula to its offers' values (their mean, or their best).
public enum Formula {
    /// Supplier kind: source factory 1, trading company 0.4, market stall 0.2.
    public static func sourceFactory(_ kind: SupplierKind) -> Double {
        switch kind {
        case .factory: 1
        case .tradingCompany: 0.4
        case .marketStall: 0.2
        }
    }

    /// Monthly capacity against the planned quantity: `min(1, capacity / (10 × qty))`;
    /// full marks when a month's output covers ten orders of that size.
    public static func capacityFit(capacity: Int, qty: Int) -> Double {
        min(1, Double(capacity) / Double(10 * max(1, qty)))
    }

    /// Speed of the first reply: `1 / (1 + minutes / 30)`; half a point at 30 minutes.
    public static func replySpeed(minutes: Double) -> Double { 1 / (1 + max(0, minutes) / 30) }

    /// Few disputes: `1 − min(1, dispute_rate / 0.05)`; 5% disputes or more scores 0.
    public static func lowDisputes(rate: Double) -> Double { 1 - min(1, max(0, rate) / 0.05) }

    /// Customisation options (OEM, ODM, logo, pattern, packaging): `min(1, options / 3)`.
    public static func customization(options: Int) -> Double { min(1, Double(options) / 3) }

    /// A rate used as is, clamped to 0...1.
    public static func rate(_ x: Double) -> Double { min(1, max(0, x)) }
}
