import Foundation
import HuopanCatalog
import HuopanText

/// Turns an offer into a Xapian document: weighted text terms, boolean filter
/// terms, value slots and the stored JSON used to render a hit.
///
/// Holds an `Analyzer`, so like it this is one per thread.
public struct OfferDocumentBuilder {
    public let analyzer: Analyzer
    private let encoder: JSONEncoder
    /// Characters indexed as one-character grams (the lexicon's stand-alone characters).
    private let singles: Set<[UInt8]>
    private let places: [[UInt8]]
    /// Place words found in a supplier location; suppliers repeat, so each is searched once.
    private let placeCache = PlaceCache()

    public init(analyzer: Analyzer) {
        self.analyzer = analyzer
        singles = Set(analyzer.lexicon.words(tagged: .single).map { Array($0.utf8) })
        places = analyzer.lexicon.words(tagged: .place).map { Array($0.utf8) }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public static func idTerm(_ id: String) -> String { Schema.Prefix.id + id }

    /// The document for `offer`. `storedJSON` is the offer's JSON when the caller
    /// already has it (a catalog line), which saves encoding it again.
    public func document(for offer: Offer, storedJSON: [UInt8]? = nil) throws -> XapianDocument {
        var doc = XapianDocument()
        doc.addBooleanTerm(Self.idTerm(offer.id))

        let title = try analyzer.analyze(offer.searchedTitle)
        TermExpansion.addTerms(of: title, wdf: Schema.FieldWeight.title, grams: true, singles: singles, to: &doc)
        // Every field a query word may match carries character grams, so a query word matches
        // wherever its characters stand together, whatever each field's segmentation made of
        // them (a query's 岁以上 against an attribute segmented 14|岁|以上).
        for level in offer.category {
            TermExpansion.addTerms(
                of: try analyzer.analyze(level), wdf: Schema.FieldWeight.category, grams: true, singles: singles, to: &doc)
        }
        if let brand = offer.brand, !brand.isEmpty {
            TermExpansion.addTerms(of: try analyzer.analyze(brand), wdf: Schema.FieldWeight.brand, grams: true, singles: singles, to: &doc)
            doc.addBooleanTerm(Schema.Prefix.brand + (try analyzer.normalize(brand)))
        }
        for key in offer.attributes.keys.sorted() {
            TermExpansion.addTerms(
                of: try analyzer.analyze(offer.attributes[key]!), wdf: Schema.FieldWeight.attribute, grams: true,
                singles: singles, to: &doc)
        }
        TermExpansion.addTerms(of: try analyzer.analyze(offer.supplier.name), wdf: Schema.FieldWeight.supplierName, grams: false, to: &doc)

        // Boolean terms for filters: the category at every depth, so a filter on
        // a top-level category finds everything beneath it.
        for depth in 1...offer.category.count {
            doc.addBooleanTerm(Schema.Prefix.category + offer.category.prefix(depth).joined(separator: ">"))
        }
        doc.addBooleanTerm(Schema.Prefix.supplier + offer.supplier.id)
        doc.addBooleanTerm(Schema.Prefix.kind + offer.supplier.kind.rawValue)
        if let p = offer.supplier.province, !p.isEmpty { doc.addBooleanTerm(Schema.Prefix.province + p) }
        if let r = offer.supplier.region, !r.isEmpty { doc.addBooleanTerm(Schema.Prefix.region + r) }
        if let b = offer.supplier.belt, !b.isEmpty { doc.addBooleanTerm(Schema.Prefix.belt + b) }
        let location = [offer.supplier.province, offer.supplier.region, offer.supplier.belt].compactMap { $0 }.joined(separator: " ")
        for place in placeCache.places(in: location, from: places) { doc.addBooleanTerm(Schema.Prefix.place + place) }
        if offer.dropship { doc.addBooleanTerm(Schema.Prefix.dropship + "1") }
        for c in offer.customization { doc.addBooleanTerm(Schema.Prefix.customization + c.rawValue) }

        doc.setValue(Schema.Slot.supplierID, offer.supplier.id)
        doc.setValue(Schema.Slot.category, offer.category.joined(separator: ">"))
        doc.setValue(Schema.Slot.kind, offer.supplier.kind.rawValue)
        if let r = offer.supplier.region { doc.setValue(Schema.Slot.region, r) }
        if let p = offer.supplier.province { doc.setValue(Schema.Slot.province, p) }
        if let b = offer.supplier.belt { doc.setValue(Schema.Slot.belt, b) }

        let s = offer.stats
        doc.setValue(Schema.Slot.minPrice, offer.lowestUnitPrice)
        doc.setValue(Schema.Slot.moq, Double(offer.moq))
        doc.setValue(Schema.Slot.capacity, Double(offer.monthlyCapacity))
        doc.setValue(Schema.Slot.sales, Double(s.sales30d))
        doc.setValue(Schema.Slot.buyers, Double(s.buyers30d))
        doc.setValue(Schema.Slot.repurchase, s.repurchaseRate)
        doc.setValue(Schema.Slot.rating, s.rating)
        doc.setValue(Schema.Slot.reviews, Double(s.reviews))
        doc.setValue(Schema.Slot.ship72h, s.ship72hRate)
        doc.setValue(Schema.Slot.replyRate, s.replyRate)
        doc.setValue(Schema.Slot.replyMinutes, s.replyMinutes)
        doc.setValue(Schema.Slot.disputeRate, s.disputeRate)
        doc.setValue(Schema.Slot.returnRate, s.returnRate)
        doc.setValue(Schema.Slot.listedDay, Double(offer.listedEpochDay))
        doc.setValue(Schema.Slot.prior, s.qualityPrior)
        doc.setValue(Schema.Slot.supplierYears, Double(offer.supplier.years))
        for (i, tier) in offer.priceTiers.prefix(Schema.Slot.maxTiers).enumerated() {
            let end = i + 1 < offer.priceTiers.count ? Double(offer.priceTiers[i + 1].minQty) : Schema.openTierEnd
            // Tier 0 also covers quantities below its min_qty (see PriceTier.unitPrice).
            doc.setValue(Schema.Slot.tierMin(i), i == 0 ? 0 : Double(tier.minQty))
            doc.setValue(Schema.Slot.tierEnd(i), end)
            doc.setValue(Schema.Slot.tierPrice(i), tier.unitPrice)
        }
        doc.setValue(Schema.Slot.rankRecord, bytes: RankRecord(offer: offer, normalizedTitle: title.utf8).encode())
        doc.data = try storedJSON ?? Array(encoder.encode(offer))
        return doc
    }
}

/// Memo of place words per location string (one builder, one thread).
final class PlaceCache {
    private var known: [String: [String]] = [:]

    func places(in location: String, from words: [[UInt8]]) -> [String] {
        if let hit = known[location] { return hit }
        let bytes = Array(location.utf8)
        let found = words.filter { bytes.firstRange(of: $0) != nil }.map { String(decoding: $0, as: UTF8.self) }
        if known.count < 100_000 { known[location] = found }
        return found
    }
}
