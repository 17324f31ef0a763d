import HuopanCatalog
import HuopanIndex
import HuopanText

/// What a search answers. Hits carry the offer's stored fields plus their
/// score; `huopan search --json` prints exactly this shape.
public struct SearchResponse: Encodable, Sendable {
    public var total: Int
    public var totalExact: Bool
    public var tookMs: Double
    public var page: Int
    public var size: Int
    public var query: AnalyzedQuery
    public var intent: BuyerIntent?
    /// "request", "query" (inferred from a cue) or "none".
    public var intentSource: String
    public var qty: Int
    /// "request", "query" or "profile" (the profile's default).
    public var qtySource: String
    public var channel: String?
    public var profile: String
    /// Filters applied: the request's plus those read from the query.
    public var filters: OfferFilters
    public var hits: [SearchHit]
    public var facets: [String: [FacetCount]]

    enum CodingKeys: String, CodingKey {
        case total, totalExact = "total_exact", tookMs = "took_ms", page, size, query, intent
        case intentSource = "intent_source", qty, qtySource = "qty_source", channel, profile, filters, hits, facets
    }
}

public struct FacetCount: Codable, Sendable, Hashable {
    public var value: String
    public var count: Int
}

/// How the query was read.
public struct AnalyzedQuery: Codable, Sendable, Hashable {
    /// As sent.
    public var text: String
    /// After normalisation (NFKC, lower-case, simplified).
    public var normalized: String
    /// The text left once cues were taken out; what is matched against offers.
    public var textQuery: String
    public var units: [String]
    public var cues: [QueryCue]
    /// Units dropped to find enough offers (least informative first); empty when strict.
    public var dropped: [String]
    /// Offers in results that match every unit come first; this is how many did.
    public var relaxed: Bool

    enum CodingKeys: String, CodingKey {
        case text, normalized, textQuery = "text_query", units, cues, dropped, relaxed
    }
}

public struct SearchHit: Encodable, Sendable {
    public var id: String
    public var title: String
    public var score: Double
    /// 1-based position in the whole result list.
    public var rank: Int
    /// 0 = matches every query unit; t = needed t units dropped.
    public var tier: Int
    public var priceAtQty: Double
    /// The offer as stored (its catalog JSON).
    public var offer: JSONValue
    public var explanation: Explanation?

    /// Flat object: the stored offer fields, then score, rank, tier,
    /// price_at_qty and (on request) explanation.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        if case .object(let members) = offer {
            for m in members where !Self.own.contains(m.key) { try c.encode(m.value, forKey: AnyCodingKey(stringValue: m.key)) }
        }
        try c.encode(id, forKey: AnyCodingKey(stringValue: "id"))
        try c.encode(title, forKey: AnyCodingKey(stringValue: "title"))
        try c.encode(score, forKey: AnyCodingKey(stringValue: "score"))
        try c.encode(rank, forKey: AnyCodingKey(stringValue: "rank"))
        try c.encode(tier, forKey: AnyCodingKey(stringValue: "tier"))
        try c.encode(priceAtQty, forKey: AnyCodingKey(stringValue: "price_at_qty"))
        if let explanation { try c.encode(explanation, forKey: AnyCodingKey(stringValue: "explanation")) }
    }

    static let own: Set<String> = ["id", "title", "score", "rank", "tier", "price_at_qty", "explanation"]
}

/// Errors a caller caused (4xx): the request names something wrong.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case invalid([FieldIssue])
    case unknownProfile(String)

    public var description: String {
        switch self {
        case .invalid(let issues): issues.map(\.description).joined(separator: "; ")
        case .unknownProfile(let name): "profile: unknown profile \"\(name)\""
        }
    }
}
