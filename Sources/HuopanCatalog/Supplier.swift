/// The supplier behind an offer.
public struct Supplier: Encodable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: SupplierKind
    /// Province, e.g. 浙江.
    public var province: String?
    /// City or market, e.g. 义乌, 广州.
    public var region: String?
    /// Industrial belt (产业带), e.g. 义乌小商品, 广州十三行女装.
    public var belt: String?
    /// Whole years on the platform.
    public var years: Int

    public init(
        id: String, name: String, kind: SupplierKind, province: String? = nil,
        region: String? = nil, belt: String? = nil, years: Int = 0
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.province = province
        self.region = region
        self.belt = belt
        self.years = years
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, kind, province, region, belt, years
    }

}

/// Who the supplier is: buyers weigh a source factory differently from a reseller.
public enum SupplierKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// 源头工厂: makes the goods.
    case factory
    /// 贸易公司: buys from factories and resells.
    case tradingCompany = "trading_company"
    /// 市场档口: a stall in a wholesale market.
    case marketStall = "market_stall"

    public var chinese: String {
        switch self {
        case .factory: "源头工厂"
        case .tradingCompany: "贸易公司"
        case .marketStall: "市场档口"
        }
    }
}
