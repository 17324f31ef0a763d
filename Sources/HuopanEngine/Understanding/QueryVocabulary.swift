import Foundation
import HuopanIndex
import HuopanRanking
import HuopanText
import Synchronization

/// One completion for a prefix.
public struct Suggestion: Codable, Sendable, Hashable {
    public var text: String
    /// How the prefix matched: the word itself, its pinyin, or its initials.
    public var via: String
    /// Offers containing the word.
    public var offers: Int
}

/// What query understanding knows beyond the analyzer: curated synonyms
/// (reloadable), pinyin readings of the indexed vocabulary and the prefix
/// index behind suggestions. The last two are built from the index on first
/// use and rebuilt after a reindex (`invalidate`).
public final class QueryVocabulary: Sendable {
    struct Built: Sendable {
        var generation: Int
        var pinyin: PinyinIndex
        /// (key, word, via, offers), sorted by key.
        var entries: [(key: String, word: String, via: String, offers: Int)]
    }

    private let synonymsFile: URL?
    private let synonymState: Mutex<SynonymSet>
    private let synonymReloads = Atomic<Int>(0)
    private let built = Mutex<Built?>(nil)

    /// Loads the synonym groups of `synonymsFile` (none when nil); a missing or broken file
    /// is an error naming it.
    public init(synonymsFile: URL?, analyzer: Analyzer) throws {
        self.synonymsFile = synonymsFile
        if let synonymsFile {
            guard FileManager.default.fileExists(atPath: synonymsFile.path) else {
                throw TextError(message: "no synonym file at \(synonymsFile.path)")
            }
            synonymState = Mutex(try SynonymSet.load(synonymsFile, analyzer: analyzer))
        } else {
            synonymState = Mutex(SynonymSet())
        }
    }

    public var synonyms: SynonymSet { synonymState.withLock { $0 } }

    /// How many times the synonyms were reloaded.
    public var synonymsRevision: Int { synonymReloads.load(ordering: .sequentiallyConsistent) }

    /// Reads the synonym file again; the new groups apply to the next query.
    @discardableResult
    public func reloadSynonyms(analyzer: Analyzer) throws -> SynonymSet {
        guard let synonymsFile else { throw TextError(message: "no synonym file is configured") }
        let fresh = try SynonymSet.load(synonymsFile, analyzer: analyzer)
        synonymState.withLock { $0 = fresh }
        synonymReloads.add(1, ordering: .sequentiallyConsistent)
        return fresh
    }

    public func invalidate() { built.withLock { $0 = nil } }

    /// Builds pinyin readings and suggestion keys now (at start-up, after a
    /// reindex) instead of in the first query that needs them.
    public func prepare(_ index: OfferIndex, lexicon: Lexicon) throws {
        _ = try vocabulary(index, lexicon: lexicon)
    }

    /// Pinyin readings and suggestion keys for the lexicon's words that occur in the index.
    func vocabulary(_ index: OfferIndex, lexicon: Lexicon) throws -> Built {
        let generation = index.manifest.generation
        if let b = built.withLock({ $0 }), b.generation == generation { return b }
        var words: [(String, Int)] = []
        var seen = Set<String>()
        try index.withDatabase { db in
            for tag in [Lexicon.Tag.product, .material, .style, .brand, .place] {
                for w in lexicon.words(tagged: tag) where w.unicodeScalars.count >= 2 && seen.insert(w).inserted {
                    let unit = QueryUnit(text: w, kind: w.unicodeScalars.allSatisfy(\.properties.isIdeographic) ? .chinese : .latin)
                    var s = XapianSearch(query: unit.query, limit: 0)
                    s.weighting = .boolean
                    let n = try db.search(s).matchesEstimated
                    if n > 0 { words.append((w, n)) }
                }
            }
        }
        let pinyin = try PinyinIndex(words: words)
        var entries: [(key: String, word: String, via: String, offers: Int)] = words.map { ($0.0, $0.0, "word", $0.1) }
        let offersOf = Dictionary(words, uniquingKeysWith: { a, _ in a })
        for (key, ws) in pinyin.full { for w in ws { entries.append((key, w, "pinyin", offersOf[w] ?? 0)) } }
        for (key, ws) in pinyin.initials { for w in ws { entries.append((key, w, "initials", offersOf[w] ?? 0)) } }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.offers > $1.offers }
        let b = Built(generation: generation, pinyin: pinyin, entries: entries)
        built.withLock { $0 = b }
        return b
    }

    /// Completions of a normalised prefix, most offers first.
    public func suggest(_ prefix: String, limit: Int, index: OfferIndex, lexicon: Lexicon) throws -> [Suggestion] {
        let b = try vocabulary(index, lexicon: lexicon)
        let key = prefix.replacingOccurrences(of: " ", with: "")
        guard !key.isEmpty else { return [] }
        var lo = 0, hi = b.entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if b.entries[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        var best: [String: Suggestion] = [:]
        var i = lo
        while i < b.entries.count, i - lo < 5_000, b.entries[i].key.hasPrefix(key) {
            let e = b.entries[i]
            if (best[e.word]?.offers ?? -1) < e.offers || best[e.word] == nil {
                best[e.word] = best[e.word] ?? Suggestion(text: e.word, via: e.via, offers: e.offers)
            }
            i += 1
        }
        return best.values.sorted { $0.offers != $1.offers ? $0.offers > $1.offers : $0.text < $1.text }.prefix(limit).map { $0 }
    }
}
