import Dispatch

/// Where one search's time went, in milliseconds: what `huopan bench search` breaks a search
/// down by. Not part of the API answer.
public struct SearchPhases: Sendable {
    /// Normalising, segmenting, cues, synonyms and pinyin, choosing the profile.
    public var analysis = 0.0
    /// Counting passes that choose how many query units to drop.
    public var relaxation = 0.0
    /// Xapian's match passes for the window, the total and the facets, with the raw value
    /// reads of the rank records.
    public var matching = 0.0
    /// Decoding the window's rank records.
    public var records = 0.0
    /// Building the ranking window and scoring every candidate.
    public var rescoring = 0.0
    /// Ordering by tier and score, and supplier diversity.
    public var ordering = 0.0
    /// Reading the page's stored offers.
    public var fetch = 0.0
    /// Hits, explanations and facets of the answer.
    public var assembly = 0.0

    public init() {}

    /// The phases in order, with their names.
    public var named: [(String, Double)] {
        [
            ("analysis", analysis), ("relaxation", relaxation), ("matching", matching), ("records", records),
            ("rescoring", rescoring), ("ordering", ordering), ("fetch", fetch), ("assembly", assembly),
        ]
    }

    /// Milliseconds since `start`.
    static func since(_ start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }
}
