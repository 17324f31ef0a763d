/// Decoding offers from JSON. The one path by which offers enter Huopan
/// (catalog files, upserts), so every entry gets the same field checks.
extension Offer {
    static let fields: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    /// Parses and maps one JSON object; errors name the field.
    public init(jsonBytes: some Collection<UInt8>) throws(FieldIssue) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(jsonBytes)
        } catch let e as JSONValue.ParseError {
            throw FieldIssue(field: e.path, reason: e.description)
        } catch {
            throw FieldIssue(field: "", reason: "\(error)")
        }
        try self.init(json: value)
    }

    public init(json: JSONValue) throws(FieldIssue) {
        let f = try JSONFields(json)
        try f.rejectUnknown(Self.fields)
        guard let id = try f.string("id") else { throw FieldIssue(field: "id", reason: "is required") }
        guard let title = try f.string("title") else { throw FieldIssue(field: "title", reason: "is required") }
        guard let category = try f.strings("category") else { throw FieldIssue(field: "category", reason: "is required") }
        guard let supplierFields = try f.object("supplier") else { throw FieldIssue(field: "supplier", reason: "is required") }
        guard let tierValues = try f.array("price_tiers") else { throw FieldIssue(field: "price_tiers", reason: "is required") }
        guard let moq = try f.int("moq") else { throw FieldIssue(field: "moq", reason: "is required") }
        var tiers: [PriceTier] = []
        for (i, v) in tierValues.enumerated() { tiers.append(try PriceTier(json: v, path: "price_tiers[\(i)]")) }
        var customization: [Customization] = []
        for (i, s) in (try f.strings("customization") ?? []).enumerated() {
            guard let c = Customization(rawValue: s) else {
                throw FieldIssue(
                    field: "customization[\(i)]",
                    reason: "must be one of \(Customization.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(s)\"")
            }
            customization.append(c)
        }
        self.init(
            id: id, title: title, category: category, attributes: try f.stringMap("attributes") ?? [:],
            brand: try f.string("brand"), supplier: try Supplier(fields: supplierFields), priceTiers: tiers, moq: moq,
            dropship: try f.bool("dropship") ?? false, customization: customization,
            monthlyCapacity: try f.int("monthly_capacity") ?? 0, listedAt: try f.string("listed_at") ?? "1970-01-01",
            stats: try f.object("stats").map { fields throws(FieldIssue) in try OfferStats(fields: fields) } ?? OfferStats())
    }
}

extension PriceTier {
    init(json: JSONValue, path: String) throws(FieldIssue) {
        let f = try JSONFields(json, path: path)
        try f.rejectUnknown(["min_qty", "unit_price"])
        guard let q = try f.int("min_qty") else { throw FieldIssue(field: "\(path).min_qty", reason: "is required") }
        guard let p = try f.double("unit_price") else { throw FieldIssue(field: "\(path).unit_price", reason: "is required") }
        self.init(minQty: q, unitPrice: p)
    }
}

extension Supplier {
    init(fields f: JSONFields) throws(FieldIssue) {
        try f.rejectUnknown(Set(CodingKeys.allCases.map(\.rawValue)))
        guard let id = try f.string("id") else { throw FieldIssue(field: "supplier.id", reason: "is required") }
        guard let name = try f.string("name") else { throw FieldIssue(field: "supplier.name", reason: "is required") }
        guard let kind = try f.enumValue("kind", SupplierKind.self) else { throw FieldIssue(field: "supplier.kind", reason: "is required") }
        self.init(
            id: id, name: name, kind: kind, province: try f.string("province"), region: try f.string("region"),
            belt: try f.string("belt"), years: try f.int("years") ?? 0)
    }
}

extension OfferStats {
    init(fields f: JSONFields) throws(FieldIssue) {
        try f.rejectUnknown(Set(CodingKeys.allCases.map(\.rawValue)))
        self.init(
            sales30d: try f.int("sales_30d") ?? 0, buyers30d: try f.int("buyers_30d") ?? 0,
            repurchaseRate: try f.double("repurchase_rate") ?? 0, rating: try f.double("rating") ?? 0,
            reviews: try f.int("reviews") ?? 0, ship72hRate: try f.double("ship_72h_rate") ?? 0,
            replyRate: try f.double("reply_rate") ?? 0, replyMinutes: try f.double("reply_minutes") ?? 0,
            disputeRate: try f.double("dispute_rate") ?? 0, returnRate: try f.double("return_rate") ?? 0)
    }
}
