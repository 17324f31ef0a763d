import Foundation
import HuopanCatalog
import HuopanText

/// The generator's knowledge of an offer: its product type. Together with the
/// offer's own attributes it is what graded judgments are derived from.
public struct OfferTruth: Codable, Sendable, Hashable {
    public var id: String
    public var productType: String
}

/// A deterministic 1688-style catalog drawn from a taxonomy: offer i depends only on
/// (taxonomy, seed, i), so the catalog is generated in parallel and any prefix is a
/// smaller catalog of the same world.
///
/// - Demand is skewed: a product type's share is a mix of an even share (every type has
///   offers in a large catalog) and a Zipf share by its rank in its industry file (the
///   files list common products first), so 连衣裙 has many offers and 蚕丝被套 few.
/// - Supply is skewed: suppliers have Pareto sizes (see `SupplierPool`).
/// - Sales are long-tailed: log-normal, larger for big suppliers and popular types, with
///   one offer in fifty a hit (爆款) selling several times more.
/// - Service follows each supplier's latent quality, new suppliers serving worse on average.
public struct CorpusGenerator: Sendable {
    public let seed: UInt64
    public let offerCount: Int
    public let taxonomy: Taxonomy
    private let pool: SupplierPool
    private let typeChoice: WeightedChoice
    /// Popularity of each type relative to the mean (1 = average), for sales.
    private let popularity: [Double]
    private let titles: TitleWriter
    /// Generation date; `listed_at` is counted back from it.
    public static let today = "2026-11-20"

    public var suppliers: [GeneratedSupplier] { pool.suppliers }

    /// Share of a type's weight spread evenly over all types (the rest follows rank).
    static let evenShare = 0.35
    static let zipfExponent = 0.9

    public init(offers: Int, seed: UInt64, taxonomy: Taxonomy) {
        self.seed = seed
        offerCount = offers
        self.taxonomy = taxonomy
        var weights = [Double](repeating: 0, count: taxonomy.productTypes.count)
        let n = Double(weights.count)
        let industries = Double(taxonomy.industries.count)
        for industry in taxonomy.industries {
            let harmonic = industry.types.indices.reduce(0.0) { $0 + 1 / pow(Double($1 + 1), Self.zipfExponent) }
            for (r, t) in industry.types.enumerated() {
                weights[t] =
                    Self.evenShare / n + (1 - Self.evenShare) / industries * (1 / pow(Double(r + 1), Self.zipfExponent)) / harmonic
            }
        }
        typeChoice = WeightedChoice(weights)
        popularity = weights.map { $0 * n }
        pool = SupplierPool(count: max(offers / 25, 1), taxonomy: taxonomy, seed: seed)
        titles = TitleWriter(taxonomy: taxonomy)
    }

    static func round(_ x: Double, _ digits: Double) -> Double { (x * digits).rounded() / digits }

    /// Offer `i` and its ground truth.
    public func offer(_ i: Int) -> (Offer, OfferTruth) {
        var rng = SeededRandom(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15 ^ 0xC0FF_EE)
        let typeIndex = typeChoice.draw(&rng)
        let type = taxonomy.productTypes[typeIndex]
        let g = pool.supplier(for: type, &rng)
        let kind = g.supplier.kind
        let q = g.quality

        var attributes: [String: String] = [:]
        for a in type.attributes { attributes[a.name] = rng.pick(a.values) }
        let brand: String? = !type.brands.isEmpty && rng.chance(0.25) ? rng.pick(type.brands) : nil
        let smallOrders = type.intents.contains(.newProductTesting) || type.intents.contains(.smallBatch)
        let dropship = rng.chance(
            (smallOrders ? 0.45 : 0.08) * (kind == .factory ? 0.7 : kind == .marketStall ? 1.3 : 1.1))
        var customization: [Customization] = []
        let customizable = type.intents.contains(.customization)
        if rng.chance((customizable ? 0.55 : 0.05) * (kind == .factory ? 1.4 : kind == .tradingCompany ? 0.7 : 0.3)) {
            for (option, p) in [(Customization.oem, 0.6), (.odm, 0.3), (.logo, 0.7), (.pattern, 0.4), (.packaging, 0.4)] where rng.chance(p)
            {
                customization.append(option)
            }
            if customization.isEmpty { customization = [.logo] }
        }
        let title = titles.title(
            .init(
                type: type, attributes: attributes, brand: brand, kind: kind, dropship: dropship,
                customizable: !customization.isEmpty), &rng)

        // Prices, MOQ and tiers: factories sell cheaper and in larger lots, stalls the reverse.
        let logPrice = rng.uniform(log(type.price.lowerBound)...log(max(type.price.upperBound, type.price.lowerBound * 1.0001)))
        let base = exp(logPrice) * (kind == .factory ? 0.9 : kind == .marketStall ? 1.05 : 1.0)
        let logMOQ = (log(Double(type.moq.lowerBound)), log(Double(type.moq.upperBound)))
        let moqPosition = kind == .factory ? rng.uniform(0.4...1) : kind == .marketStall ? rng.uniform(0...0.3) : rng.uniform(0...0.7)
        let moq = max(1, Int(exp(logMOQ.0 + moqPosition * (logMOQ.1 - logMOQ.0)).rounded()))
        var tiers = [PriceTier(minQty: moq, unitPrice: Self.round(max(0.01, base), 100))]
        let tierCount = 1 + Int(rng.next() % 4)
        for k in 1..<tierCount {
            let qty = moq * [1, 5, 20, 100, 500][min(k, 4)] * (1 + Int(rng.next() % 2))
            let price = Self.round(max(0.01, tiers.last!.unitPrice * rng.uniform(0.82...0.96)), 100)
            if qty > tiers.last!.minQty && price < tiers.last!.unitPrice { tiers.append(PriceTier(minQty: qty, unitPrice: price)) }
        }
        let logCapacity = rng.uniform(log(Double(type.capacity.lowerBound))...log(Double(type.capacity.upperBound)))
        let capacity = max(moq * 10, Int(exp(logCapacity) * (kind == .factory ? 1 : kind == .tradingCompany ? 0.35 : 0.1)))
        let ageDays = min(900, Int(-200 * log(max(rng.unit(), 1e-9))))
        let listed = Offer.epochDay(of: Self.today)! - ageDays

        // Behaviour: long-tailed sales, more for big suppliers, popular types and hits.
        let hit = rng.chance(0.02)
        var sales =
            rng.chance(0.1)
            ? 0
            : Int(
                exp(
                    1.9 + 1.6 * rng.normal() + 1.2 * (q - 0.78) + 0.35 * log(g.size) + 0.3 * log(popularity[typeIndex])
                        + (hit ? 2.2 : 0)))
        if ageDays < 14 { sales /= 4 }
        let buyers = sales == 0 ? 0 : max(1, Int(Double(sales) / rng.uniform(1.5...12)))
        let reviews = Int(Double(buyers) * rng.uniform(0.1...0.6))
        let rating = reviews == 0 ? 0 : Self.round(min(5, max(1, 3.6 + 1.3 * q + 0.25 * rng.normal())), 10)
        let clamp01 = { (x: Double) in min(1, max(0, x)) }
        let apparel = type.industry.hasPrefix("apparel") || type.industry == "shoes" || type.industry == "underwear"
        let stats = OfferStats(
            sales30d: sales, buyers30d: buyers,
            repurchaseRate: Self.round(clamp01(0.05 + 0.3 * q + 0.08 * rng.normal()), 1000),
            rating: rating, reviews: reviews,
            ship72hRate: Self.round(
                clamp01(q + 0.06 * rng.normal() + (kind == .marketStall ? 0.05 : 0) - (customization.isEmpty ? 0 : 0.05)), 1000),
            replyRate: Self.round(clamp01(0.55 + 0.45 * q + 0.05 * rng.normal()), 1000),
            replyMinutes: Self.round(exp(log(5 + 120 * (1 - q)) + 0.5 * rng.normal()), 10),
            disputeRate: Self.round(clamp01((1 - q) * 0.04 + abs(0.005 * rng.normal())), 10000),
            returnRate: Self.round(clamp01((1 - q) * (apparel ? 0.2 : 0.1) + abs(0.02 * rng.normal())), 1000))

        let id = String(format: "ofr-%07d", i)
        let offer = Offer(
            id: id, title: title, category: type.category, attributes: attributes, brand: brand,
            supplier: g.supplier, priceTiers: tiers, moq: moq, dropship: dropship,
            customization: customization, monthlyCapacity: capacity,
            listedAt: Self.date(fromEpochDay: listed), stats: stats)
        return (offer, OfferTruth(id: id, productType: type.key))
    }
}
