import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// An offer search, as the frontend, the CLI and evaluation send it
/// (Elasticsearch's `_search`, in marketplace terms).
public struct SearchRequest: Codable, Sendable, Hashable {
    public var q: String
    public var intent: BuyerIntent?
    /// Planned quantity in pieces.
    public var qty: Int?
    public var channel: String?
    /// A profile by name; otherwise chosen by intent and channel.
    public var profile: String?
    public var filters: OfferFilters
    public var facets: [Facet]
    public var sort: SortOrder
    /// 1-based.
    public var page: Int
    public var size: Int
    public var explain: Bool
    /// The day that counts as today (`YYYY-MM-DD`) for freshness; now when absent.
    /// Evaluations and benchmarks set it so a catalog ranks the same on any day.
    public var asOf: String?
    /// Who searched (a browser or app install) and in which visit, as the frontend names
    /// them (UBI's `client_id` and `session_id`): recorded in the search log so behaviour
    /// events can be joined to the search; they never change the answer.
    public var clientId: String?
    public var sessionId: String?

    public init(
        q: String = "", intent: BuyerIntent? = nil, qty: Int? = nil, channel: String? = nil, profile: String? = nil,
        filters: OfferFilters = OfferFilters(), facets: [Facet] = [], sort: SortOrder = .relevance,
        page: Int = 1, size: Int = 20, explain: Bool = false, asOf: String? = nil
    ) {
        self.q = q
        self.intent = intent
        self.qty = qty
        self.channel = channel
        self.profile = profile
        self.filters = filters
        self.facets = facets
        self.sort = sort
        self.page = page
        self.size = size
        self.explain = explain
        self.asOf = asOf
    }

    public enum Facet: String, Codable, Sendable, CaseIterable, Hashable {
        case category, region, province, belt
        case supplierKind = "supplier_kind"

        public var slot: UInt32 {
            switch self {
            case .category: Schema.Slot.category
            case .region: Schema.Slot.region
            case .province: Schema.Slot.province
            case .belt: Schema.Slot.belt
            case .supplierKind: Schema.Slot.kind
            }
        }
    }

    public enum SortOrder: String, Codable, Sendable, CaseIterable, Hashable {
        case relevance
        /// Unit price at the planned quantity, cheapest first.
        case priceAsc = "price_asc"
        case priceDesc = "price_desc"
        case salesDesc = "sales_desc"
        case newest
    }

    /// Limits that protect the service.
    public enum Limits {
        public static let queryCharacters = 200
        public static let maxSize = 100
        public static let maxPage = 100
        public static let maxQty = 100_000_000
        /// Words (units) of a query that are matched; each may cost a relaxation pass.
        public static let maxUnits = 32
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case q, intent, qty, channel, profile, filters, facets, sort, page, size, explain, asOf = "as_of"
        case clientId = "client_id", sessionId = "session_id"
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        q = try c.decodeIfPresent(String.self, forKey: .q) ?? ""
        intent = try c.decodeIfPresent(BuyerIntent.self, forKey: .intent)
        qty = try c.decodeIfPresent(Int.self, forKey: .qty)
        channel = try c.decodeIfPresent(String.self, forKey: .channel)
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        do {
            filters = try c.decodeIfPresent(OfferFilters.self, forKey: .filters) ?? OfferFilters()
        } catch let issue as FieldIssue {
            throw FieldIssue(field: "filters." + issue.field, reason: issue.reason)
        }
        facets = try c.decodeIfPresent([Facet].self, forKey: .facets) ?? []
        sort = try c.decodeIfPresent(SortOrder.self, forKey: .sort) ?? .relevance
        page = try c.decodeIfPresent(Int.self, forKey: .page) ?? 1
        size = try c.decodeIfPresent(Int.self, forKey: .size) ?? 20
        explain = try c.decodeIfPresent(Bool.self, forKey: .explain) ?? false
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf)
        clientId = try c.decodeIfPresent(String.self, forKey: .clientId)
        sessionId = try c.decodeIfPresent(String.self, forKey: .sessionId)
    }

    /// The request without what only identifies the caller: equal for searches that get
    /// the same answer.
    public var withoutCaller: SearchRequest {
        var r = self
        r.clientId = nil
        r.sessionId = nil
        return r
    }

    public func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if q.unicodeScalars.count > Limits.queryCharacters {
            issues.append(
                FieldIssue(field: "q", reason: "is \(q.unicodeScalars.count) characters; at most \(Limits.queryCharacters) are accepted"))
        }
        if q.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" }) {
            issues.append(FieldIssue(field: "q", reason: "must not contain control characters"))
        }
        if let qty, !(1...Limits.maxQty).contains(qty) {
            issues.append(FieldIssue(field: "qty", reason: "must be between 1 and \(Limits.maxQty)"))
        }
        if !(1...Limits.maxPage).contains(page) {
            issues.append(FieldIssue(field: "page", reason: "must be between 1 and \(Limits.maxPage)"))
        }
        if !(1...Limits.maxSize).contains(size) {
            issues.append(FieldIssue(field: "size", reason: "must be between 1 and \(Limits.maxSize)"))
        }
        if let channel, channel.range(of: "^[a-z0-9_]{1,32}$", options: .regularExpression) == nil {
            issues.append(FieldIssue(field: "channel", reason: "must be 1 to 32 characters of a-z, 0-9, _"))
        }
        for (field, value) in [("client_id", clientId), ("session_id", sessionId)] {
            if let value, value.range(of: "^[A-Za-z0-9._:@-]{1,128}$", options: .regularExpression) == nil {
                issues.append(FieldIssue(field: field, reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, . _ : @ -"))
            }
        }
        if let asOf, Offer.epochDay(of: asOf) == nil {
            issues.append(FieldIssue(field: "as_of", reason: "must be a date YYYY-MM-DD, got \"\(asOf)\""))
        }
        if facets.count > Facet.allCases.count || Set(facets).count != facets.count {
            issues.append(
                FieldIssue(
                    field: "facets",
                    reason:
                        "must name each facet at most once (at most \(Facet.allCases.count): \(Facet.allCases.map(\.rawValue).joined(separator: ", ")))"
                ))
        }
        issues += filters.validate().map { FieldIssue(field: "filters.\($0.field)", reason: $0.reason) }
        return issues
    }
}
