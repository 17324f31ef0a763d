import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// The vocabulary of a search request: filters with their kinds, facets, sorts, intents,
/// supplier kinds, customization options, channels and profiles, and the limits. Served at
/// `GET /v1/schema`; the console builds its controls and URL state from it instead of
/// repeating it.
public struct SearchSchema: Encodable, Sendable {
    public struct Filter: Encodable, Sendable {
        public let name: String
        public let kind: FilterField.Kind
        public let values: [String]?
        public let summary: String
    }

    public struct Named: Encodable, Sendable {
        public let name: String
        public let label: String
    }

    public struct Profile: Encodable, Sendable {
        public let name: String
        public let target: RankingProfile.Target
        public let intent: BuyerIntent?
        public let channel: String?
    }

    public struct Limits: Encodable, Sendable {
        let size = SearchRequest.Limits.maxSize
        let page = SearchRequest.Limits.maxPage
        let queryCharacters = SearchRequest.Limits.queryCharacters
        let queryWords = SearchRequest.Limits.maxUnits
        let filterValues = OfferFilters.maxValues
        let qty = SearchRequest.Limits.maxQty

        enum CodingKeys: String, CodingKey {
            case size, page, queryCharacters = "query_characters", queryWords = "query_words", filterValues = "filter_values", qty
        }
    }

    public let filters: [Filter]
    public let facets: [String]
    public let sorts: [String]
    public let intents: [Named]
    public let supplierKinds: [Named]
    public let customization: [Named]
    public let channels: [String]
    public let profiles: [Profile]
    public let limits = Limits()

    enum CodingKeys: String, CodingKey {
        case filters, facets, sorts, intents, supplierKinds = "supplier_kinds", customization, channels, profiles, limits
    }

    /// The schema with the profiles in force.
    public init(profiles set: ProfileSet) {
        filters = OfferFilters.fields.map { Filter(name: $0.name, kind: $0.kind, values: $0.values, summary: $0.summary) }
        facets = SearchRequest.Facet.allCases.map(\.rawValue)
        sorts = SearchRequest.SortOrder.allCases.map(\.rawValue)
        intents = BuyerIntent.allCases.map { Named(name: $0.rawValue, label: $0.chinese) }
        supplierKinds = SupplierKind.allCases.map { Named(name: $0.rawValue, label: $0.chinese) }
        customization = Customization.allCases.map { Named(name: $0.rawValue, label: $0.chinese) }
        let all = set.profiles.values.sorted { $0.name < $1.name }
        channels = Array(Set(all.compactMap(\.channel))).sorted()
        profiles = all.map { Profile(name: $0.name, target: $0.target, intent: $0.intent, channel: $0.channel) }
    }
}
