import Foundation
import HuopanCatalog
import HuopanIndex

/// Unit price at the planned quantity (from the price tiers) against the
/// window's median: `median / (median + price)`; 0.5 at the median, towards 1
/// when much cheaper, towards 0 when much dearer.
public struct PriceAtQuantity: RankingFeature {
    public static let name = "price_at_qty"
    public static let summary = "unit price at the planned quantity, relative to the window's median"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        let p = c.record.unitPrice(at: w.qty)
        guard p > 0, w.medianPrice > 0 else { return 0.5 }
        return w.medianPrice / (w.medianPrice + p)
    }
}

/// Minimum order against the planned quantity: 1 when `moq ≤ qty`, else `qty / moq`.
public struct MOQFit: RankingFeature {
    public static let name = "moq_fit"
    public static let summary = "the planned quantity reaches the minimum order"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        c.record.moq <= w.qty ? 1 : Double(w.qty) / Double(max(1, c.record.moq))
    }
}

/// Monthly capacity against the planned quantity: `Formula.capacityFit`,
/// `min(1, capacity / (10 × qty))`.
public struct CapacityFit: RankingFeature {
    public static let name = "capacity_fit"
    public static let summary = "monthly capacity covers the planned quantity"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.capacityFit(capacity: c.record.capacity, qty: w.qty) }
}

/// Dropshipping (一件代发): 1 when offered, else 0.
public struct Dropship: RankingFeature {
    public static let name = "dropship"
    public static let summary = "ships single pieces to the buyer's customers"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { c.record.dropship ? 1 : 0 }
}

/// Customisation support: `Formula.customization`, `min(1, options / 3)` over OEM, ODM,
/// logo, pattern, packaging.
public struct CustomizationSupport: RankingFeature {
    public static let name = "customization"
    public static let summary = "OEM/ODM, logo, pattern or packaging customisation offered"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.customization(options: c.record.customization.count) }
}

/// Freshness of the listing: `exp(−age_days / 90)`; a three-month-old listing scores 0.37.
public struct Freshness: RankingFeature {
    public static let name = "freshness"
    public static let summary = "how recently the offer was listed"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        exp(-Double(max(0, w.today - c.record.listedDay)) / 90)
    }
}

/// Supplier kind: `Formula.sourceFactory` (factory 1, trading company 0.4, market stall 0.2).
public struct SourceFactory: RankingFeature {
    public static let name = "source_factory"
    public static let summary = "the supplier makes the goods (源头工厂)"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.sourceFactory(c.record.kind) }
}
