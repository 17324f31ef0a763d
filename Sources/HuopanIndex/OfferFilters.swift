import HuopanCatalog

/// Hard constraints on offers. Each becomes a Xapian filter (boolean terms or
/// value ranges), so counts and facets reflect them exactly. Their names and kinds are
/// `OfferFilters.fields` (FilterField.swift).
public struct OfferFilters: Sendable, Hashable {
    /// Category paths ("女装" or "女装>连衣裙"); an offer matches any of them.
    public var categories: [String] = []
    /// Unit price at the planned quantity (`qty`, 1 when absent) within these bounds, CNY.
    public var priceMin: Double?
    public var priceMax: Double?
    /// Keep only offers whose MOQ is at most this.
    public var maxMOQ: Int?
    public var provinces: [String] = []
    public var regions: [String] = []
    public var belts: [String] = []
    /// Place words (义乌, 十三行): province, region or belt containing one of them.
    public var places: [String] = []
    public var kinds: [SupplierKind] = []
    public var suppliers: [String] = []
    public var dropship: Bool?
    /// Offers supporting every listed option.
    public var customization: [Customization] = []
    /// Minimum 72-hour shipping rate, 0...1.
    public var minShip72h: Double?
    public var minCapacity: Int?

    public init() {}

    public var isEmpty: Bool { self == OfferFilters() }

    /// Values one list filter may hold. A frontend's filter panel sends a handful; the cap
    /// keeps a request's filter query (and its cost) bounded.
    public static let maxValues = 100

    /// Problems a caller must hear about (4xx), in field order.
    public func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let lists: [(String, Int)] = [
            ("category", categories.count), ("province", provinces.count), ("region", regions.count),
            ("belt", belts.count), ("place", places.count), ("supplier_kind", kinds.count),
            ("supplier", suppliers.count), ("customization", customization.count),
        ]
        for (field, count) in lists where count > Self.maxValues {
            issues.append(.init(field: field, reason: "has \(count) values; at most \(Self.maxValues) are accepted"))
        }
        for (field, values) in [
            ("category", categories), ("province", provinces), ("region", regions), ("belt", belts),
            ("place", places), ("supplier", suppliers),
        ] where values.contains(where: { $0.utf8.count > 200 }) {
            issues.append(.init(field: field, reason: "values must be at most 200 bytes"))
        }
        if let p = priceMin, !(p.isFinite && p >= 0) { issues.append(.init(field: "price_min", reason: "must be a non-negative number")) }
        if let p = priceMax, !(p.isFinite && p >= 0) { issues.append(.init(field: "price_max", reason: "must be a non-negative number")) }
        if let a = priceMin, let b = priceMax, a > b { issues.append(.init(field: "price_min", reason: "is above price_max")) }
        if let m = maxMOQ, m < 1 { issues.append(.init(field: "max_moq", reason: "must be at least 1")) }
        if let r = minShip72h, !(r.isFinite && (0...1).contains(r)) {
            issues.append(.init(field: "min_ship_72h", reason: "must be between 0 and 1"))
        }
        if let c = minCapacity, c < 0 { issues.append(.init(field: "min_capacity", reason: "must not be negative")) }
        if categories.contains(where: \.isEmpty) { issues.append(.init(field: "category", reason: "must not be empty")) }
        return issues
    }

    /// The Xapian filter queries; `qty` is the planned quantity for the price filter.
    public func queries(qty: Int?) -> [XapianQuery] {
        var out: [XapianQuery] = []
        func anyTerm(_ prefix: String, _ values: [String]) {
            if !values.isEmpty { out.append(.or(values.map { .term(prefix + $0) })) }
        }
        anyTerm(Schema.Prefix.category, categories)
        anyTerm(Schema.Prefix.province, provinces)
        anyTerm(Schema.Prefix.region, regions)
        anyTerm(Schema.Prefix.belt, belts)
        anyTerm(Schema.Prefix.place, places)
        anyTerm(Schema.Prefix.kind, kinds.map(\.rawValue))
        anyTerm(Schema.Prefix.supplier, suppliers)
        if let d = dropship {
            let term = XapianQuery.term(Schema.Prefix.dropship + "1")
            out.append(d ? term : .combine(.andNot, [.all, term]))
        }
        for c in customization { out.append(.term(Schema.Prefix.customization + c.rawValue)) }
        if let m = maxMOQ { out.append(.valueRange(slot: Schema.Slot.moq, lower: nil, upper: Double(m))) }
        if let r = minShip72h { out.append(.valueRange(slot: Schema.Slot.ship72h, lower: r, upper: nil)) }
        if let c = minCapacity { out.append(.valueRange(slot: Schema.Slot.capacity, lower: Double(c), upper: nil)) }
        if priceMin != nil || priceMax != nil {
            out.append(Self.priceAtQuantity(qty ?? 1, lower: priceMin, upper: priceMax))
        }
        return out
    }

    /// Price at quantity q within [lower, upper]: some tier i covers q
    /// (tierMin_i ≤ q < tierEnd_i) and its price is in range. Built only from
    /// value ranges, so it also runs on remote shards.
    public static func priceAtQuantity(_ q: Int, lower: Double?, upper: Double?) -> XapianQuery {
        .or(
            (0..<Schema.Slot.maxTiers).map { i in
                .and([
                    .valueRange(slot: Schema.Slot.tierMin(i), lower: nil, upper: Double(q)),
                    .valueRange(slot: Schema.Slot.tierEnd(i), lower: Double(q) + 0.5, upper: nil),
                    .valueRange(slot: Schema.Slot.tierPrice(i), lower: lower, upper: upper),
                ])
            })
    }
}
