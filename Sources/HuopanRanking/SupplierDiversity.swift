import HuopanIndex

/// Orders ranked offers into pages for healthy supply (大树下面不长草):
///
/// - **Cap**: at most `maxPerSupplier` offers of one supplier per page of
///   `pageSize`; the others move to later pages, keeping their order.
/// - **Relevance first**: the cap only moves offers within their relevance
///   tier. When a tier runs out of other suppliers, capped offers of that tier
///   fill the page before any offer of a worse tier is shown.
/// - **Exposure**: if the first page has no offer from a new supplier with
///   strong service, the best such offer among the next `lookahead` of the
///   same tier as slot `slot` is placed there (the page's last offer moves to page 2).
public struct SupplierDiversity: Sendable {
    public let maxPerSupplier: Int
    public let pageSize: Int
    public let exposure: RankingProfile.Exposure

    public init(profile: RankingProfile) {
        maxPerSupplier = profile.diversity.maxPerSupplier
        pageSize = profile.diversity.pageSize
        exposure = profile.exposure
    }

    public init(maxPerSupplier: Int, pageSize: Int, exposure: RankingProfile.Exposure = RankingProfile.Exposure(enabled: false)) {
        self.maxPerSupplier = maxPerSupplier
        self.pageSize = pageSize
        self.exposure = exposure
    }

    public struct Placement: Sendable, Hashable {
        /// Index into the input.
        public var index: Int
        public var note: String?

        public init(index: Int, note: String?) {
            self.index = index
            self.note = note
        }
    }

    /// Arranges the first `pages` pages; everything after follows in input order.
    /// `items` are (supplier id, tier, is-newcomer) in ranked order (tier, then score).
    public func arrange(_ items: [(supplier: String, tier: Int, newcomer: Bool)], pages: Int) -> [Placement] {
        var remaining = Array(items.indices)
        var out: [Placement] = []
        var page = 0
        while !remaining.isEmpty && page < pages {
            var chosen: [Placement] = []
            var counts: [String: Int] = [:]
            while chosen.count < pageSize, let tier = remaining.first.map({ items[$0].tier }) {
                // Take this tier's offers under the cap, then (if room is left) the capped ones.
                var k = 0
                while chosen.count < pageSize, k < remaining.count, items[remaining[k]].tier == tier {
                    let i = remaining[k]
                    if counts[items[i].supplier, default: 0] < maxPerSupplier {
                        counts[items[i].supplier, default: 0] += 1
                        chosen.append(Placement(index: i, note: nil))
                        remaining.remove(at: k)
                    } else {
                        k += 1
                    }
                }
                while chosen.count < pageSize, let first = remaining.first, items[first].tier == tier {
                    counts[items[first].supplier, default: 0] += 1
                    chosen.append(
                        Placement(
                            index: first,
                            note: "supplier cap of \(maxPerSupplier) per page relaxed: no other supplier left in this relevance tier"))
                    remaining.removeFirst()
                }
            }
            if page == 0, exposure.enabled { promoteNewcomer(&chosen, &remaining, items) }
            out += chosen
            page += 1
        }
        return out + remaining.map { Placement(index: $0, note: nil) }
    }

    private func promoteNewcomer(
        _ chosen: inout [Placement], _ remaining: inout [Int],
        _ items: [(supplier: String, tier: Int, newcomer: Bool)]
    ) {
        let slot = exposure.slot - 1
        guard chosen.count > slot, !chosen.contains(where: { items[$0.index].newcomer }) else { return }
        let tier = items[chosen[slot].index].tier
        var counts: [String: Int] = [:]
        for c in chosen.dropLast() { counts[items[c.index].supplier, default: 0] += 1 }
        guard
            let k = remaining.prefix(exposure.lookahead).firstIndex(where: {
                items[$0].newcomer && items[$0].tier == tier && counts[items[$0].supplier, default: 0] < maxPerSupplier
            })
        else { return }
        let promoted = remaining.remove(at: k)
        chosen.insert(
            Placement(index: promoted, note: "exposure: new supplier with strong service placed at slot \(exposure.slot)"), at: slot)
        if chosen.count > pageSize {
            let bumped = chosen.removeLast()
            remaining.insert(bumped.index, at: 0)
        }
    }
}
