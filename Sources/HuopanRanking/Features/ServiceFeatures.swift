import HuopanIndex

/// Share of orders shipped within 72 hours (72小时发货率), as is.
public struct Ship72h: RankingFeature {
    public static let name = "ship_72h"
    public static let summary = "share of orders shipped within 72 hours"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.rate(c.record.ship72hRate) }
}

/// Share of inquiries answered (回复率), as is.
public struct ReplyRate: RankingFeature {
    public static let name = "reply_rate"
    public static let summary = "share of inquiries answered"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.rate(c.record.replyRate) }
}

/// Speed of the first reply (及时回复): `Formula.replySpeed`, `1 / (1 + minutes / 30)`.
public struct ReplySpeed: RankingFeature {
    public static let name = "reply_speed"
    public static let summary = "median minutes to the first reply (faster is higher)"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.replySpeed(minutes: c.record.replyMinutes) }
}

/// Few disputes: `Formula.lowDisputes`, `1 − min(1, dispute_rate / 0.05)`.
public struct LowDisputes: RankingFeature {
    public static let name = "low_disputes"
    public static let summary = "few orders end in a dispute"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { Formula.lowDisputes(rate: c.record.disputeRate) }
}

/// Few returns: `1 − min(1, return_rate / 0.2)`; 20% returns or more scores 0.
public struct LowReturns: RankingFeature {
    public static let name = "low_returns"
    public static let summary = "few orders are returned"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double { 1 - min(1, max(0, c.record.returnRate) / 0.2) }
}
