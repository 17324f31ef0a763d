import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// What a search answers. Hits carry the offer's stored fields plus their
/// score; `huopan search --json` prints exactly this shape.
public struct SearchResponse: Encodable, Sendable {
    /// Names this answer in the search log and in behaviour events (UBI's `query_id`);
    /// set by the server for each response, nil elsewhere.
    public var queryId: String?
    public var total: Int
    public var totalExact: Bool
    public var tookMs: Double
    /// True when some shards did not answer; `missing_shards` names them.
    public var partial: Bool
    public var missingShards: [Int]
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
    /// The experiment this search took part in and what it showed (absent outside one).
    public var experiment: ExperimentExposure?
    /// The share of the index the candidates came from when the match-phase limit applied
    /// (the profile's `match_phase_max_hits`): the best-quality part expected to hold that many
    /// matches. Absent when every match was looked at. `total` is then an estimate.
    public var matchedShare: Double?
    /// Where the search's time went (benchmarks); not encoded.
    public var phases = SearchPhases()

    enum CodingKeys: String, CodingKey {
        case queryId = "query_id", total, totalExact = "total_exact", tookMs = "took_ms", partial, missingShards = "missing_shards", page,
            size, query, intent
        case intentSource = "intent_source", qty, qtySource = "qty_source", channel, profile, filters, hits, facets, experiment
        case matchedShare = "matched_share"
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
    /// Per unit, the synonyms or pinyin readings it also matched (at lower weight).
    public var alternatives: [String: [String]]
    public var cues: [QueryCue]
    /// Units dropped to find enough offers (least informative first); empty when strict.
    public var dropped: [String]
    /// Whether units were dropped (offers matching every unit still come first).
    public var relaxed: Bool
    /// The query's likely categories, from the categories of its best matches
    /// (share of the top 50); the first is the facet a frontend preselects.
    public var categories: [CategoryShare]

    enum CodingKeys: String, CodingKey {
        case text, normalized, textQuery = "text_query", units, alternatives, cues, dropped, relaxed, categories
    }
}

public struct CategoryShare: Codable, Sendable, Hashable {
    public var category: String
    public var share: Double
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
    /// The offer as stored: its catalog JSON, kept as bytes so a response can
    /// carry it without parsing and re-encoding it.
    public var stored: [UInt8]
    public var explanation: Explanation?

    /// The stored offer, parsed.
    public var offer: JSONValue { (try? JSONValue.parse(stored)) ?? .object([]) }

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

    /// This hit as JSON bytes: the stored object with the hit's own fields
    /// appended before its closing brace.
    func jsonBytes(_ encoder: JSONEncoder) throws -> [UInt8] {
        var out = stored
        while let last = out.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { out.removeLast() }
        guard out.first == UInt8(ascii: "{"), out.last == UInt8(ascii: "}") else {
            return Array(try encoder.encode(self))
        }
        out.removeLast()
        let empty = out.count == 1
        func field(_ name: String, _ value: [UInt8]) {
            if !(empty && out.count == 1) { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array("\"\(name)\":".utf8))
            out.append(contentsOf: value)
        }
        if let explanation { field("explanation", Array(try encoder.encode(explanation))) }
        field("price_at_qty", Array(priceAtQty.description.utf8))
        field("rank", Array(String(rank).utf8))
        field("score", Array((score.isFinite ? score : 0).description.utf8))
        field("tier", Array(String(tier).utf8))
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension SearchResponse {
    /// The response as JSON. Hits are spliced in from their stored bytes, which
    /// is what `JSONEncoder` would produce for them without the cost of a parse
    /// and re-encode of every offer.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var shell = self
        shell.hits = []
        var out = Array(try encoder.encode(shell))
        let marker = Array(#""hits":[]"#.utf8)
        guard let at = out.firstRange(of: marker) else { return Array(try encoder.encode(self)) }
        var hitsJSON: [UInt8] = Array(#""hits":["#.utf8)
        for (i, hit) in hits.enumerated() {
            if i > 0 { hitsJSON.append(UInt8(ascii: ",")) }
            hitsJSON.append(contentsOf: try hit.jsonBytes(encoder))
        }
        hitsJSON.append(UInt8(ascii: "]"))
        out.replaceSubrange(at, with: hitsJSON)
        return out
    }
}
