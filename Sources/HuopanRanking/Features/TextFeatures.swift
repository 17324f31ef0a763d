import HuopanIndex

/// BM25 of the offer (title weighted above category, attributes and supplier),
/// relative to the best in the window: `bm25 / max bm25` (0 when nothing scores).
public struct TextBM25: RankingFeature {
    public static let name = "text_bm25"
    public static let summary = "BM25 text score relative to the best candidate"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        w.maxTextScore > 0 ? min(1, c.textScore / w.maxTextScore) : 0
    }
}

/// How literally the title carries the query (spaces ignored):
/// 1 when the title starts with the query phrase, 0.75 when the phrase occurs
/// in it, otherwise 0.5 × the share of query units found in the title (the rest
/// matched only in category, attributes or supplier name, or were relaxed away).
public struct TextPhrase: RankingFeature {
    public static let name = "text_phrase"
    public static let summary = "query phrase at the start of or inside the title"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        guard !w.phrase.isEmpty else { return 0 }
        let title = c.record.normalizedTitle
        if title.startsWithBytes(w.phrase) { return 1 }
        if title.containsBytes(w.phrase) { return 0.75 }
        guard !w.units.isEmpty else { return 0 }
        return 0.5 * Double(w.units.filter { title.containsBytes($0) }.count) / Double(w.units.count)
    }
}

/// Agreement with the query's likely category, learned from the index itself:
/// the share of the window's top-50 text matches in the offer's leaf category,
/// relative to the most voted category (1 for the query's main category).
public struct CategoryMatch: RankingFeature {
    public static let name = "category_match"
    public static let summary = "offer is in the category the query's best matches are in"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        w.categoryAffinity[c.record.category] ?? 0
    }
}
