import Foundation
import HuopanCatalog
import HuopanIndex

/// A supplier in the window of a factory search: the supplier's best matching
/// offers (up to `offersPerSupplier`, from Xapian's collapse on the supplier id)
/// and how many further matching offers the collapse dropped.
public struct SupplierCandidate: Sendable {
    public var supplierID: String
    public var offers: [Candidate]
    /// Matching offers of this supplier beyond `offers` (Xapian's collapse count).
    public var moreMatching: Int

    public init(supplierID: String, offers: [Candidate], moreMatching: Int) {
        self.supplierID = supplierID
        self.offers = offers
        self.moreMatching = moreMatching
    }

    public var matchingOffers: Int { offers.count + moreMatching }
    public var best: Candidate { offers[0] }
    /// Mean of a per-offer value over the supplier's listed offers.
    func mean(_ f: (RankRecord) -> Double) -> Double { offers.map { f($0.record) }.reduce(0, +) / Double(offers.count) }
}

/// Window-level facts the supplier features are relative to.
public struct SupplierWindow: Sendable {
    public let qty: Int
    public let maxTextScore: Double
    /// Place words from the query or the place filter (义乌, 十三行).
    public let places: [String]

    public init(qty: Int, maxTextScore: Double, places: [String]) {
        self.qty = qty
        self.maxTextScore = maxTextScore
        self.places = places
    }
}

/// One supplier-ranking signal in 0...1.
public typealias SupplierFeature = WeightedFeature<SupplierCandidate, SupplierWindow>

public enum SupplierFeatures {
    public static let all: [any SupplierFeature] = [
        BestMatch(), MatchBreadth(), SupplierKindFit(), SupplierCapacity(), CustomizationOptions(), YearsOnPlatform(),
        SupplierShip72h(), SupplierReplyRate(), SupplierReplySpeed(), SupplierLowDisputes(), PlaceMatch(),
    ]
    public static let names: [String] = all.map { type(of: $0).name }
}

/// How well the supplier's best offer matches: its BM25 over the best in the window.
public struct BestMatch: SupplierFeature {
    public static let name = "match_best"
    public static let summary = "text match of the supplier's best matching offer"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double {
        w.maxTextScore > 0 ? min(1, s.best.textScore / w.maxTextScore) : 0
    }
}

/// Breadth of the match: `log(1 + matching offers) / log(1 + 50)`, capped at 1;
/// a supplier with many matching offers makes this kind of product.
public struct MatchBreadth: SupplierFeature {
    public static let name = "match_breadth"
    public static let summary = "how many of the supplier's offers match (log scale)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { min(1, log1p(Double(s.matchingOffers)) / log1p(50)) }
}

/// Supplier kind: `Formula.sourceFactory` (factory 1, trading company 0.4, market stall 0.2).
public struct SupplierKindFit: SupplierFeature {
    public static let name = "source_factory"
    public static let summary = "the supplier makes the goods (源头工厂)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { Formula.sourceFactory(s.best.record.kind) }
}

/// Monthly capacity against the planned quantity: `Formula.capacityFit`, with the largest
/// capacity among the supplier's listed offers.
public struct SupplierCapacity: SupplierFeature {
    public static let name = "capacity_fit"
    public static let summary = "monthly capacity covers the planned quantity"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double {
        Formula.capacityFit(capacity: s.offers.map(\.record.capacity).max() ?? 0, qty: w.qty)
    }
}

/// Customisation offered: `Formula.customization`, over the options of all its listed offers.
public struct CustomizationOptions: SupplierFeature {
    public static let name = "customization"
    public static let summary = "OEM/ODM, logo, pattern and packaging work offered"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double {
        Formula.customization(options: Set(s.offers.flatMap(\.record.customization)).count)
    }
}

/// Years on the platform: `min(1, years / 10)`.
public struct YearsOnPlatform: SupplierFeature {
    public static let name = "years"
    public static let summary = "years on the platform"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { min(1, Double(s.best.record.supplierYears) / 10) }
}

/// 72-hour shipping rate (`Formula.rate`), averaged over the supplier's listed offers.
public struct SupplierShip72h: SupplierFeature {
    public static let name = "ship_72h"
    public static let summary = "share of orders shipped within 72 hours (mean over its offers)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { Formula.rate(s.mean(\.ship72hRate)) }
}

/// Reply rate (`Formula.rate`), averaged over the supplier's listed offers.
public struct SupplierReplyRate: SupplierFeature {
    public static let name = "reply_rate"
    public static let summary = "share of inquiries answered (mean over its offers)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { Formula.rate(s.mean(\.replyRate)) }
}

/// Reply speed: `Formula.replySpeed` of the mean minutes over its listed offers.
public struct SupplierReplySpeed: SupplierFeature {
    public static let name = "reply_speed"
    public static let summary = "minutes to the first reply (mean over its offers; faster is higher)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { Formula.replySpeed(minutes: s.mean(\.replyMinutes)) }
}

/// Few disputes: `Formula.lowDisputes` of the mean dispute rate over its listed offers.
public struct SupplierLowDisputes: SupplierFeature {
    public static let name = "low_disputes"
    public static let summary = "few orders end in a dispute (mean over its offers)"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double { Formula.lowDisputes(rate: s.mean(\.disputeRate)) }
}

/// Place: 1 when the supplier's province, region or belt contains a place the
/// buyer named (义乌, 温州, 广州十三行), 0 otherwise (and 0 when none was named).
public struct PlaceMatch: SupplierFeature {
    public static let name = "place"
    public static let summary = "in the region or industrial belt the buyer named"
    public func value(_ s: SupplierCandidate, in w: SupplierWindow) -> Double {
        let r = s.best.record
        let location = r.province + " " + r.region + " " + r.belt
        return w.places.contains { location.contains($0) } ? 1 : 0
    }
}
