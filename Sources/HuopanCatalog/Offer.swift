// HuopanCatalog: the offer record (the catalog's unit), its validation, and the
// JSONL reader that keeps good lines and reports bad ones by line and field.
import Foundation

/// One offer of the catalog, as read from a JSONL line.
///
/// Field names are snake_case in JSON. Required: `id`, `title`, `category`,
/// `supplier`, `price_tiers`, `moq`. Everything else has a default. Unknown
/// fields are rejected so that a misspelt field is reported, not ignored.
public struct Offer: Encodable, Sendable, Hashable {
    public var id: String
    public var title: String
    /// Category path from the top level down, e.g. ["女装", "连衣裙"].
    public var category: [String]
    public var attributes: [String: String]
    public var brand: String?
    public var supplier: Supplier
    /// Price by quantity, ascending `min_qty`; the first tier's `min_qty` is usually the MOQ.
    public var priceTiers: [PriceTier]
    public var moq: Int
    /// Dropshipping (一件代发): the supplier ships single pieces to the buyer's customers.
    public var dropship: Bool
    public var customization: [Customization]
    public var monthlyCapacity: Int
    /// Listing date, `YYYY-MM-DD`.
    public var listedAt: String
    public var stats: OfferStats

    public init(
        id: String, title: String, category: [String], attributes: [String: String] = [:],
        brand: String? = nil, supplier: Supplier, priceTiers: [PriceTier], moq: Int,
        dropship: Bool = false, customization: [Customization] = [], monthlyCapacity: Int = 0,
        listedAt: String, stats: OfferStats = OfferStats()
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.attributes = attributes
        self.brand = brand
        self.supplier = supplier
        self.priceTiers = priceTiers
        self.moq = moq
        self.dropship = dropship
        self.customization = customization
        self.monthlyCapacity = monthlyCapacity
        self.listedAt = listedAt
        self.stats = stats
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, category, attributes, brand, supplier
        case priceTiers = "price_tiers", moq, dropship, customization
        case monthlyCapacity = "monthly_capacity", listedAt = "listed_at", stats
    }

}

/// One step of tiered pricing: from `min_qty` pieces on, each costs `unit_price` (CNY).
public struct PriceTier: Encodable, Sendable, Hashable {
    public var minQty: Int
    public var unitPrice: Double

    public init(minQty: Int, unitPrice: Double) {
        self.minQty = minQty
        self.unitPrice = unitPrice
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minQty = "min_qty", unitPrice = "unit_price"
    }

}

/// What the supplier can make to order.
public enum Customization: String, Codable, Sendable, Hashable, CaseIterable {
    /// 贴牌: the buyer's brand on the supplier's product.
    case oem
    /// 原创设计代工: the supplier designs to the buyer's brief.
    case odm
    /// 印logo: logo printing or embroidery.
    case logo
    /// 来图定制: made from the buyer's pattern or drawing.
    case pattern
    /// 包装定制: custom packaging.
    case packaging

    public var chinese: String {
        switch self {
        case .oem: "贴牌"
        case .odm: "ODM"
        case .logo: "印logo"
        case .pattern: "来图定制"
        case .packaging: "包装定制"
        }
    }
}

extension Offer {
    /// Unit price when buying `qty` pieces: the tier with the largest `min_qty`
    /// not above `qty`; below the first tier, the first tier's price (the buyer
    /// would have to buy up to it).
    public func unitPrice(at qty: Int) -> Double {
        PriceTier.unitPrice(in: priceTiers, at: qty)
    }

    public var lowestUnitPrice: Double { priceTiers.map(\.unitPrice).min() ?? 0 }
}

extension PriceTier {
    public static func unitPrice(in tiers: [PriceTier], at qty: Int) -> Double {
        guard var price = tiers.first?.unitPrice else { return 0 }
        for tier in tiers where tier.minQty <= qty { price = tier.unitPrice }
        return price
    }
}
