// HuopanEngine: the search engine as one configured object (`Engine`), between the
// ranking and index layers below and the server and CLI above. Understanding reads a
// query; OfferSearch and SupplierSearch run the two searches; IndexMaintenance writes,
// rebuilds and publishes the index.
import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// What a query says, read before touching the index: normalised text, cues taken out of
/// it (intent, quantity, price, place, dropship, shipping promise), and the rest analysed
/// into units with their synonyms and pinyin readings.
public struct UnderstoodQuery: Sendable {
    public var text: String
    public var normalized: String
    public var cues: QueryCues
    public var plan: QueryPlan
    /// The query was only cue words (定制, 批发 typed alone): they are kept as its text, so
    /// offers that carry them come first, and let go when no offer does.
    public var textFromCues = false

    /// The analysis as a response reports it (dropping and categories come later).
    public var analyzed: AnalyzedQuery {
        AnalyzedQuery(
            text: text, normalized: normalized, textQuery: cues.text, units: plan.units.map(\.text),
            alternatives: Dictionary(
                plan.units.filter { !$0.alternatives.isEmpty }.map {
                    ($0.text, $0.alternatives.map { $0.map(\.text).joined(separator: " ") })
                }, uniquingKeysWith: { a, _ in a }),
            cues: cues.cues, dropped: [], relaxed: false, categories: [])
    }
}

/// Query understanding: one analyzer pool (ICU state is per thread), the cue reader, and
/// the vocabulary (curated synonyms, pinyin readings of the indexed words, suggestions).
public final class QueryUnderstanding: Sendable {
    public let analyzers: AnalyzerPool
    public let cueReader: QueryCueReader
    public let vocabulary: QueryVocabulary
    /// Whether queries are expanded with synonyms and pinyin (off only to measure what they add).
    public let expansion: Bool
    let index: OfferIndex

    /// Synonyms a query word expands to, at most (the rest of a long group is left out).
    public static let maxAlternativesPerUnit = 8

    /// `synonyms` nil: no synonym groups. A synonym file that cannot be read is an error
    /// naming it, never a silent empty set.
    public init(index: OfferIndex, lexicon: Lexicon, synonyms: URL?, expansion: Bool = true) throws {
        self.index = index
        self.expansion = expansion
        analyzers = AnalyzerPool(lexicon: lexicon)
        cueReader = QueryCueReader(lexicon: lexicon)
        vocabulary = try analyzers.withAnalyzer { try QueryVocabulary(synonymsFile: synonyms, analyzer: $0) }
    }

    public var lexicon: Lexicon { analyzers.lexicon }

    /// Reads `q`. Throws `SearchError` when it holds more words than are matched.
    public func understand(_ q: String) throws -> UnderstoodQuery {
        let synonyms = expansion ? vocabulary.synonyms : SynonymSet()
        let pinyin = expansion ? (try? vocabulary.vocabulary(index, lexicon: lexicon))?.pinyin ?? PinyinIndex() : PinyinIndex()
        let lexicon = self.lexicon
        let cueReader = self.cueReader
        let understood = try analyzers.withAnalyzer { a in
            let normalized = try a.normalize(q)
            let cues = cueReader.read(normalized)
            var plan = QueryPlan(analysis: try a.analyze(cues.text), lexicon: lexicon)
            // Cue words alone (定制): the words stay the text, the intent they imply stays too.
            let textFromCues = plan.units.isEmpty && !cues.cues.isEmpty
            if textFromCues { plan = QueryPlan(analysis: try a.analyze(normalized), lexicon: lexicon) }
            plan.units = Self.joinSynonymPhrases(plan.units, synonyms: synonyms, lexicon: lexicon)
            plan.units = plan.units.map { unit in
                var unit = unit
                var alternatives: [[QueryUnit]] = []
                // A synonym group may be long; a query word expands to at most a few of them.
                for word in synonyms.alternatives(for: unit.text).prefix(Self.maxAlternativesPerUnit) {
                    if let analysis = try? a.analyze(word) { alternatives.append(QueryPlan(analysis: analysis, lexicon: lexicon).units) }
                }
                if unit.kind == .latin, let word = pinyin.word(for: unit.text) {
                    alternatives.append([QueryUnit(text: word, kind: .chinese, isProduct: lexicon.tags(of: word).contains(.product))])
                }
                unit.alternatives = alternatives.filter { !$0.isEmpty }
                return unit
            }
            return UnderstoodQuery(
                text: q, normalized: normalized, cues: cues, plan: plan, textFromCues: textFromCues && !plan.units.isEmpty)
        }
        guard understood.plan.units.count <= SearchRequest.Limits.maxUnits else {
            throw SearchError.invalid([
                FieldIssue(
                    field: "q", reason: "has \(understood.plan.units.count) words; at most \(SearchRequest.Limits.maxUnits) are matched")
            ])
        }
        return understood
    }

    /// Adjacent units that together are a word of a synonym group (短袖|t恤 → 短袖t恤,
    /// 紫砂|壶 → 紫砂壶) become one unit, so the group applies to the phrase the buyer typed.
    static func joinSynonymPhrases(_ units: [QueryUnit], synonyms: SynonymSet, lexicon: Lexicon) -> [QueryUnit] {
        guard units.count > 1, !synonyms.groups.isEmpty else { return units }
        var out: [QueryUnit] = []
        var i = 0
        while i < units.count {
            var joined: QueryUnit?
            for length in stride(from: min(4, units.count - i), through: 2, by: -1) {
                let run = units[i..<i + length]
                guard run.allSatisfy({ $0.kind == .chinese || $0.kind == .latin }) else { continue }
                let text = run.map(\.text).joined()
                if !synonyms.alternatives(for: text).isEmpty {
                    joined = QueryUnit(
                        text: text, kind: .chinese,
                        isProduct: run.contains(where: \.isProduct) || lexicon.tags(of: text).contains(.product))
                    i += length
                    break
                }
            }
            if let joined {
                out.append(joined)
            } else {
                out.append(units[i])
                i += 1
            }
        }
        return out
    }

    /// The normalised form of `text` (what suggestions complete).
    public func normalize(_ text: String) throws -> String {
        try analyzers.withAnalyzer { try $0.normalize(text) }
    }

    /// Completions of a prefix over the indexed vocabulary.
    public func suggest(_ prefix: String, limit: Int) throws -> [Suggestion] {
        try vocabulary.suggest(try normalize(prefix), limit: limit, index: index, lexicon: lexicon)
    }

    /// Rereads the synonym file; the new groups apply to the next query.
    @discardableResult
    public func reloadSynonyms() throws -> SynonymSet {
        try analyzers.withAnalyzer { try vocabulary.reloadSynonyms(analyzer: $0) }
    }
}
