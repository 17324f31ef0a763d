/// An industrial belt (产业带): where a kind of goods is made or wholesaled.
public struct Belt: Sendable, Hashable, Decodable {
    public let key: String
    /// 义乌小商品
    public let name: String
    public let province: String
    /// The city or county (义乌).
    public let region: String
    /// Shorter names buyers type (义乌, 义乌小商品城).
    public let aliases: [String]
}
