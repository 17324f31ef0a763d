// HuopanIndex: how an offer becomes a Xapian document (schema, terms, values),
// how the index is built and switched atomically, and first-phase retrieval.

/// Term prefixes, value slots and field weights of the offer index.
/// Changing any of these needs a rebuild; `version` is recorded in each index.
public enum Schema {
    public static let version = 3

    /// Term prefixes (Xapian convention: multi-letter prefixes start with X).
    public enum Prefix {
        /// Unique id term: Q + offer id.
        public static let id = "Q"
        /// Character n-grams (1 to 3) of the title's Chinese runs.
        public static let gram = "G"
        /// Category path at every level: XC女装, XC女装>连衣裙.
        public static let category = "XC"
        public static let supplier = "XS"
        public static let kind = "XK"
        public static let province = "XP"
        public static let region = "XR"
        public static let belt = "XB"
        /// XD1 when the offer ships single pieces (一件代发).
        public static let dropship = "XD"
        /// XM + customization option (XMoem, XMlogo ...).
        public static let customization = "XM"
        public static let brand = "XN"
        /// XL + every place word of the lexicon found in the supplier's province,
        /// region or belt (义乌, 十三行, 华强北), so a place named in a query filters.
        public static let place = "XL"
    }

    /// Value slots.
    public enum Slot {
        // Strings (facets, collapse, filters).
        public static let supplierID: UInt32 = 0
        /// Category path joined with ">".
        public static let category: UInt32 = 1
        public static let region: UInt32 = 2
        public static let kind: UInt32 = 3
        public static let belt: UInt32 = 4
        public static let province: UInt32 = 5
        /// Packed `RankRecord`: everything second-phase ranking reads, in one value.
        public static let rankRecord: UInt32 = 6
        // Numbers (sortable_serialise), for range filters and sorts.
        public static let minPrice: UInt32 = 10
        public static let moq: UInt32 = 11
        public static let capacity: UInt32 = 12
        public static let sales: UInt32 = 13
        public static let buyers: UInt32 = 14
        public static let repurchase: UInt32 = 15
        public static let rating: UInt32 = 16
        public static let reviews: UInt32 = 17
        public static let ship72h: UInt32 = 18
        public static let replyRate: UInt32 = 19
        public static let replyMinutes: UInt32 = 20
        public static let disputeRate: UInt32 = 21
        public static let returnRate: UInt32 = 22
        public static let listedDay: UInt32 = 23
        /// Static quality prior in 0...1 (`OfferStats.qualityPrior`).
        public static let prior: UInt32 = 24
        /// Supplier years on the platform.
        public static let supplierYears: UInt32 = 25
        /// Price tier i: from `tierMin(i)` pieces, below `tierEnd(i)`, at `tierPrice(i)` each.
        /// The price-at-quantity filter is an OR over tiers of three value ranges.
        public static func tierMin(_ i: Int) -> UInt32 { 30 + 3 * UInt32(i) }
        public static func tierEnd(_ i: Int) -> UInt32 { 31 + 3 * UInt32(i) }
        public static func tierPrice(_ i: Int) -> UInt32 { 32 + 3 * UInt32(i) }
        public static let maxTiers = 6
    }

    /// wdf increment per occurrence: a title word counts more than a category,
    /// attribute or supplier-name word, which is how BM25 weighs fields here.
    public enum FieldWeight {
        public static let title: UInt32 = 3
        public static let category: UInt32 = 2
        public static let brand: UInt32 = 2
        public static let attribute: UInt32 = 1
        public static let supplierName: UInt32 = 1
        public static let gram: UInt32 = 1
    }

    /// Sentinel "no upper end" for the last price tier.
    public static let openTierEnd = 1e12
}
