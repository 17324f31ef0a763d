import HuopanIndex

/// Share of orders shipped within 72 hours (72小时发货率), as is.
public struct Ship72h: RankingFeature {
    public static let name = "ship_72h"
    public static let summary = "share of orders shipped within 72 hours"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { min(1, max(0, c.record.ship72hRate)) }
}

/// Share of inquiries answered (回复率), as is.
public struct ReplyRate: RankingFeature {
    public static let name = "reply_rate"
    public static let summary = "share of inquiries answered"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { min(1, max(0, c.record.replyRate)) }
}

/// Speed of the first reply (及时回复): `1 / (1 + minutes / 30)`; half a point at 30 minutes.
public struct ReplySpeed: RankingFeature {
    public static let name = "reply_speed"
    public static let summary = "median minutes to the first reply (faster is higher)"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { 1 / (1 + max(0, c.record.replyMinutes) / 30) }
}

/// Few disputes: `1 − min(1, dispute_rate / 0.05)`; 5% disputes or more scores 0.
public struct LowDisputes: RankingFeature {
    public static let name = "low_disputes"
    public static let summary = "few orders end in a dispute"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { 1 - min(1, max(0, c.record.disputeRate) / 0.05) }
}

/// Few returns: `1 − min(1, return_rate / 0.2)`; 20% returns or more scores 0.
public struct LowReturns: RankingFeature {
    public static let name = "low_returns"
    public static let summary = "few orders are returned"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { 1 - min(1, max(0, c.record.returnRate) / 0.2) }
}
