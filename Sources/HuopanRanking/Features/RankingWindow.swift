import Foundation
import HuopanCatalog
import HuopanIndex

/// Facts about the whole candidate window that features are relative to,
/// computed once per query: BM25 maximum, median price at the quantity, the
/// query's likely categories, and the query itself.
public struct RankingWindow: Sendable {
    /// Planned quantity, in pieces.
    public let qty: Int
    public let maxTextScore: Double
    /// Median unit price at `qty` over the window.
    public let medianPrice: Double
    /// Share of the window's top text matches in each leaf category, divided by
    /// the share of the most common one (so the query's main category is 1).
    public let categoryAffinity: [String: Double]
    /// Categories of the top text matches with their share, largest first.
    public let categoryShares: [(category: String, share: Double)]
    /// The query text without spaces (normalised), for phrase matching against
    /// `RankRecord.normalizedTitle` (stored without spaces too).
    public let phrase: [UInt8]
    /// Query units as UTF-8, for coverage of the title.
    public let units: [[UInt8]]
    /// Days since 1970-01-01 of "today" (fixed in tests for determinism).
    public let today: Int

    /// Number of top candidates (by text score) that vote for the query's category.
    public static let categoryVoters = 50

    public init(candidates: [Candidate], qty: Int, plan: QueryPlan, today: Int) {
        self.qty = max(1, qty)
        self.today = today
        maxTextScore = candidates.map(\.textScore).max() ?? 0
        let prices = candidates.map { $0.record.unitPrice(at: max(1, qty)) }.sorted()
        medianPrice = prices.isEmpty ? 0 : prices[prices.count / 2]
        var votes: [String: Int] = [:]
        let bestTier = candidates.map(\.tier).min() ?? 0
        let voters = candidates.indices.filter { candidates[$0].tier == bestTier }
            .map { (score: candidates[$0].textScore, index: $0) }
            .sorted {
                $0.score != $1.score ? $0.score > $1.score : candidates[$0.index].record.offerID < candidates[$1.index].record.offerID
            }
            .prefix(Self.categoryVoters)
        for v in voters { votes[candidates[v.index].record.category, default: 0] += 1 }
        let top = Double(votes.values.max() ?? 1)
        categoryAffinity = votes.mapValues { Double($0) / top }
        let voted = Double(max(1, votes.values.reduce(0, +)))
        categoryShares = votes.map { ($0.key, Double($0.value) / voted) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        phrase = Array(plan.units.map(\.text).joined().utf8)
        units = plan.units.map { Array($0.text.utf8) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in this byte string: memchr for the first byte,
    /// memcmp for the rest (the generic `firstRange(of:)` was most of the rescoring time).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                let first = Int32(n[0])
                var offset = 0
                let last = h.count - n.count
                while offset <= last {
                    guard let hit = memchr(h.baseAddress! + offset, first, last - offset + 1) else { return false }
                    let at = h.baseAddress!.distance(to: UnsafeRawPointer(hit))
                    if memcmp(h.baseAddress! + at, n.baseAddress!, n.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }

    func startsWithBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        return withUnsafeBytes { h in needle.withUnsafeBytes { n in memcmp(h.baseAddress!, n.baseAddress!, n.count) == 0 } }
    }
}
