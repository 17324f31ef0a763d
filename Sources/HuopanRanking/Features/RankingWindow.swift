import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanText

/// Facts about the whole candidate window that features are relative to,
/// computed once per query: BM25 maximum, median price at the quantity, the
/// query's likely categories, and the query itself.
public struct RankingWindow: Sendable {
    /// Planned quantity, in pieces.
    public let qty: Int
    public let maxTextScore: Double
    /// Median unit price at `qty` over the window.
    public let medianPrice: Double
    /// Share of the window's top text matches in each leaf category, divided by the share
    /// of the most common one, times the votes' confidence (see `init`).
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
    /// `HeadWord` of each candidate by docid (empty without a lexicon or a product word).
    public let headWords: [UInt32: Double]

    /// Number of top candidates (by text score) that vote for the query's category.
    public static let categoryVoters = 50

    /// The category vote: the top `categoryVoters` text matches of the best tier vote for
    /// their category, each with its head-word value (1 when the title carries the product
    /// as a word of its own, 0.7 as the end of a longer word, 0.1 only as a modifier or
    /// accessory target, 0.5 without evidence). Affinity is a category's votes over the
    /// most voted one's, times the confidence `Σ weight / voters`: when the best text
    /// matches only mention the product, no category is pushed hard (螺丝 in 螺丝刀 titles).
    /// A category the query's product word names (led灯泡 in 照明>光源>led灯泡) outranks the
    /// vote: it gets affinity 1 and every other category half of what it voted.
    public init(candidates: [Candidate], qty: Int, plan: QueryPlan, today: Int, lexicon: Lexicon? = nil) {
        self.qty = max(1, qty)
        self.today = today
        var heads: [UInt32: Double] = [:]
        let reader = lexicon.flatMap { HeadWords(plan: plan, lexicon: $0) }
        if let reader {
            for c in candidates { heads[c.docid] = reader.value(title: c.record.normalizedTitle) }
        }
        headWords = heads
        maxTextScore = candidates.map(\.textScore).max() ?? 0
        let prices = candidates.map { $0.record.unitPrice(at: max(1, qty)) }.sorted()
        medianPrice = prices.isEmpty ? 0 : prices[prices.count / 2]
        var votes: [String: Double] = [:]
        let bestTier = candidates.map(\.tier).min() ?? 0
        let voters = candidates.indices.filter { candidates[$0].tier == bestTier }
            .map { (score: candidates[$0].textScore, index: $0) }
            .sorted {
                $0.score != $1.score ? $0.score > $1.score : candidates[$0.index].record.offerID < candidates[$1.index].record.offerID
            }
            .prefix(Self.categoryVoters)
        for v in voters {
            let c = candidates[v.index]
            votes[c.record.category, default: 0] += heads[c.docid].map { $0 == 0 ? 0.1 : $0 } ?? 1
        }
        let top = votes.values.max() ?? 1
        let voted = votes.values.reduce(0, +)
        let confidence = voters.isEmpty ? 0 : voted / Double(voters.count)
        var affinity = votes.mapValues { $0 / top * confidence }
        if let reader {
            let named = Set(candidates.map(\.record.category).filter(reader.names(category:)))
            if !named.isEmpty {
                affinity = affinity.mapValues { $0 / 2 }
                for category in named { affinity[category] = 1 }
            }
        }
        categoryAffinity = affinity
        categoryShares = votes.map { ($0.key, $0.value / max(voted, 1e-9)) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
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
