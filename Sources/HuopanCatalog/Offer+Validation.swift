import Foundation

extension Offer {
    /// Limits a record must respect; they protect the index from absurd values.
    public enum Limits {
        public static let idLength = 64
        /// Characters of a title that are searched; a longer title is kept whole (stored,
        /// returned) but only its beginning is indexed, as real catalogs have such titles.
        public static let titleLength = 300
        /// Longer titles are refused: past this they are no title but a document.
        public static let storedTitleLength = 5_000
        public static let categoryDepth = 5
        public static let tiers = 6
        public static let attributes = 40
        public static let textField = 200
    }

    /// Every rule the record breaks; empty when it is valid.
    public func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func check(_ ok: Bool, _ field: String, _ reason: @autoclosure () -> String) {
            if !ok { issues.append(FieldIssue(field: field, reason: reason())) }
        }
        check(!id.isEmpty && id.utf8.count <= Limits.idLength, "id", "must be 1 to \(Limits.idLength) bytes")
        check(
            id.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0))
            },
            "id", "may contain only ASCII letters, digits and - _ . :")
        check(title.unicodeScalars.contains { !$0.properties.isWhitespace }, "title", "must not be empty")
        check(
            title.unicodeScalars.count <= Limits.storedTitleLength, "title",
            "must be at most \(Limits.storedTitleLength) characters (the first \(Limits.titleLength) are searched)")
        check(!category.isEmpty && category.count <= Limits.categoryDepth, "category", "must have 1 to \(Limits.categoryDepth) levels")
        for (i, level) in category.enumerated() {
            check(
                !level.isEmpty && level.unicodeScalars.count <= 40 && !level.contains(">"), "category[\(i)]",
                "must be 1 to 40 characters without '>'")
        }
        check(attributes.count <= Limits.attributes, "attributes", "at most \(Limits.attributes) attributes")
        for (key, value) in attributes {
            check(!key.isEmpty && key.unicodeScalars.count <= 40, "attributes", "attribute names must be 1 to 40 characters")
            check(value.unicodeScalars.count <= Limits.textField, "attributes.\(key)", "must be at most \(Limits.textField) characters")
        }
        if let brand { check(brand.unicodeScalars.count <= Limits.textField, "brand", "must be at most \(Limits.textField) characters") }
        check(!supplier.id.isEmpty && supplier.id.utf8.count <= Limits.idLength, "supplier.id", "must be 1 to \(Limits.idLength) bytes")
        check(
            !supplier.name.isEmpty && supplier.name.unicodeScalars.count <= Limits.textField, "supplier.name",
            "must be 1 to \(Limits.textField) characters")
        check((0...100).contains(supplier.years), "supplier.years", "must be between 0 and 100")
        check(!priceTiers.isEmpty && priceTiers.count <= Limits.tiers, "price_tiers", "must have 1 to \(Limits.tiers) tiers")
        for (i, tier) in priceTiers.enumerated() {
            check(tier.minQty >= 1, "price_tiers[\(i)].min_qty", "must be at least 1")
            check(
                tier.unitPrice.isFinite && tier.unitPrice > 0 && tier.unitPrice < 10_000_000,
                "price_tiers[\(i)].unit_price", "must be a positive price below 10,000,000")
            if i > 0 {
                check(
                    tier.minQty > priceTiers[i - 1].minQty, "price_tiers[\(i)].min_qty",
                    "tiers must be in ascending min_qty (after \(priceTiers[i - 1].minQty))")
            }
        }
        check(moq >= 1 && moq <= 100_000_000, "moq", "must be between 1 and 100,000,000")
        check(monthlyCapacity >= 0, "monthly_capacity", "must not be negative")
        check(Offer.epochDay(of: listedAt) != nil, "listed_at", "must be a date YYYY-MM-DD")
        issues += stats.validate()
        return issues
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (a time part after it is ignored).
    public static func epochDay(of date: String) -> Int? {
        let parts = date.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1970...2200).contains(y), (1...12).contains(m)
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...monthDays).contains(d) else { return nil }
        // Days from civil (Howard Hinnant's algorithm): exact, no calendar objects needed.
        let yy = m <= 2 ? y - 1 : y
        let era = yy / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var listedEpochDay: Int { Offer.epochDay(of: listedAt) ?? 0 }
}

extension OfferStats {
    func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func rate(_ v: Double, _ name: String) {
            if !(v.isFinite && v >= 0 && v <= 1) {
                issues.append(FieldIssue(field: "stats.\(name)", reason: "must be a rate between 0 and 1"))
            }
        }
        func count(_ v: Int, _ name: String) {
            if v < 0 { issues.append(FieldIssue(field: "stats.\(name)", reason: "must not be negative")) }
        }
        count(sales30d, "sales_30d")
        count(buyers30d, "buyers_30d")
        count(reviews, "reviews")
        rate(repurchaseRate, "repurchase_rate")
        rate(ship72hRate, "ship_72h_rate")
        rate(replyRate, "reply_rate")
        rate(disputeRate, "dispute_rate")
        rate(returnRate, "return_rate")
        if !(rating.isFinite && rating >= 0 && rating <= 5) {
            issues.append(FieldIssue(field: "stats.rating", reason: "must be between 0 and 5"))
        }
        if !(replyMinutes.isFinite && replyMinutes >= 0) {
            issues.append(FieldIssue(field: "stats.reply_minutes", reason: "must be a non-negative number of minutes"))
        }
        return issues
    }
}

extension Offer {
    /// The part of the title that is indexed and ranked (the first `Limits.titleLength` characters).
    public var searchedTitle: String {
        title.unicodeScalars.count <= Limits.titleLength
            ? title : String(String.UnicodeScalarView(title.unicodeScalars.prefix(Limits.titleLength)))
    }

    public var titleIsTruncated: Bool { title.unicodeScalars.count > Limits.titleLength }
}
