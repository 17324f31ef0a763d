/// Behaviour of an offer and its supplier over the last 30 days.
public struct OfferStats: Encodable, Sendable, Hashable {
    public var sales30d: Int
    public var buyers30d: Int
    /// Share of buyers who bought again (复购率), 0...1.
    public var repurchaseRate: Double
    /// Average review, 0...5 (0 when there are no reviews).
    public var rating: Double
    public var reviews: Int
    /// Share of orders shipped within 72 hours (72小时发货率), 0...1.
    public var ship72hRate: Double
    /// Share of inquiries answered (回复率), 0...1.
    public var replyRate: Double
    /// Median minutes to the first reply.
    public var replyMinutes: Double
    public var disputeRate: Double
    public var returnRate: Double

    public init(
        sales30d: Int = 0, buyers30d: Int = 0, repurchaseRate: Double = 0, rating: Double = 0,
        reviews: Int = 0, ship72hRate: Double = 0, replyRate: Double = 0, replyMinutes: Double = 0,
        disputeRate: Double = 0, returnRate: Double = 0
    ) {
        self.sales30d = sales30d
        self.buyers30d = buyers30d
        self.repurchaseRate = repurchaseRate
        self.rating = rating
        self.reviews = reviews
        self.ship72hRate = ship72hRate
        self.replyRate = replyRate
        self.replyMinutes = replyMinutes
        self.disputeRate = disputeRate
        self.returnRate = returnRate
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sales30d = "sales_30d", buyers30d = "buyers_30d", repurchaseRate = "repurchase_rate"
        case rating, reviews, ship72hRate = "ship_72h_rate", replyRate = "reply_rate"
        case replyMinutes = "reply_minutes", disputeRate = "dispute_rate", returnRate = "return_rate"
    }

}
