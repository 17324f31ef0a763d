import HuopanCatalog

/// BM25 parameters (Xapian's BM25Weight). Defaults are Xapian's, except k1 = 1.2
/// (the textbook value): titles are short, so term frequency saturates early.
public struct BM25Parameters: Sendable, Hashable, Codable {
    public var k1: Double = 1.2
    public var k2: Double = 0
    public var k3: Double = 1
    public var b: Double = 0.5
    public var minNormLength: Double = 0.5

    public init(k1: Double = 1.2, b: Double = 0.5) {
        self.k1 = k1
        self.b = b
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case k1, k2, k3, b, minNormLength = "min_normlen" }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        k1 = try c.decodeIfPresent(Double.self, forKey: .k1) ?? 1.2
        k2 = try c.decodeIfPresent(Double.self, forKey: .k2) ?? 0
        k3 = try c.decodeIfPresent(Double.self, forKey: .k3) ?? 1
        b = try c.decodeIfPresent(Double.self, forKey: .b) ?? 0.5
        minNormLength = try c.decodeIfPresent(Double.self, forKey: .minNormLength) ?? 0.5
    }
}

/// One search: the query, the window to return and what to return with each hit.
public struct XapianSearch: Sendable {
    public enum Weighting: Sendable, Hashable {
        case bm25(BM25Parameters)
        /// Every match weighs 0 (filters, counting).
        case boolean
    }

    public var query: XapianQuery
    public var offset = 0
    public var limit = 10
    /// Look at least this many matches, so counts and facets are exact up to it.
    public var checkAtLeast = 0
    public var weighting = Weighting.bm25(BM25Parameters())
    public var collapse: (slot: UInt32, max: UInt32)?
    public var sort: (slot: UInt32, descending: Bool)?
    /// Slots returned with each hit as numbers (NaN when absent).
    public var numericSlots: [UInt32] = []
    /// Slots returned with each hit as bytes.
    public var rawSlots: [UInt32] = []
    /// Slots counted over all matches looked at (ValueCountMatchSpy).
    public var facetSlots: [UInt32] = []
    /// Most frequent values kept per facet, 0 for all.
    public var facetLimit = 0
    public var includeData = false
    /// The match stops here and the search throws `DeadlineExceeded` (local databases;
    /// a remote shard stops at its network timeout).
    public var deadline = Deadline.none
    /// Only documents whose docid lies in this share of each database's docid space:
    /// `0...0.25` is the first quarter, `0.25...1` the rest (the lower end is exclusive).
    /// An index numbered best quality first (`IndexManifest.docidOrder`) makes the first
    /// share its best offers, and the match ends once the share is walked. Local
    /// databases only: a remote shard matches its whole docid space.
    public var docidShare: ClosedRange<Double>?

    public init(query: XapianQuery, offset: Int = 0, limit: Int = 10) {
        self.query = query
        self.offset = offset
        self.limit = limit
    }
}

public struct XapianHit: Sendable {
    public var docid: UInt32
    public var weight: Double
    /// How many further documents with the same collapse key were dropped.
    public var collapseCount: Int
    public var numbers: [Double]
    public var raw: [[UInt8]]
    public var data: [UInt8]?
}

public struct XapianResults: Sendable {
    public var matchesLowerBound: Int
    public var matchesEstimated: Int
    public var matchesUpperBound: Int
    public var hits: [XapianHit]
    /// Per requested facet slot: (value, count), most frequent first.
    public var facets: [[(value: String, count: Int)]]
    /// The deadline stopped the match (the search itself throws; kept for the decoder).
    var timedOut = false

    /// The exact number of matches when Xapian knows it.
    public var exactCount: Int? { matchesLowerBound == matchesUpperBound ? matchesLowerBound : nil }
}
