import HuopanText

/// One thing a query asks for. All its alternatives are the same word in the
/// forms the index stores it under, combined with OP_SYNONYM so BM25 weighs
/// them as one term.
public struct QueryUnit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case chinese, latin, number, measure, other }

    /// Normalised text of the unit.
    public var text: String
    public var kind: Kind
    /// A product word of the lexicon (the head of the query): relaxation drops it last.
    public var isProduct: Bool
    /// Other ways to say the same thing (synonyms, the word a pinyin spelling
    /// stands for), each a conjunction of units. They match too, at
    /// `alternativeWeight` of the buyer's own word.
    public var alternatives: [[QueryUnit]] = []
    /// The lexicon words inside a Chinese unit (莫桑石戒指 → 莫桑石, 戒指; 中雪糕 → 雪糕), for
    /// when the unit as a whole matches nothing: sellers write the parts apart.
    public var parts: [String] = []
    /// Match `parts` (each anywhere in the offer) instead of the unit as written. Set by
    /// relaxation only, for a unit that matches nothing whole.
    public var matchesParts = false

    public static let alternativeWeight = 0.6

    public var query: XapianQuery {
        if matchesParts, !parts.isEmpty { return .and(parts.map(Self.chineseQuery)) }
        let own: XapianQuery =
            switch kind {
            case .chinese: Self.chineseQuery(text)
            case .latin, .number: Self.latinQuery(text)
            case .measure, .other: Self.measureQuery(text)
            }
        guard !alternatives.isEmpty else { return own }
        return .or([own] + alternatives.map { .scale(Self.alternativeWeight, .and($0.map(\.query))) })
    }

    public init(text: String, kind: Kind, isProduct: Bool = false, alternatives: [[QueryUnit]] = []) {
        self.text = text
        self.kind = kind
        self.isProduct = isProduct
        self.alternatives = alternatives
    }

    /// A measure matches as written or in canonical units (500毫升 = 500ml).
    static func measureQuery(_ text: String) -> XapianQuery {
        guard let canonical = UnitNormalizer.canonical(text) else { return .term(text) }
        return .synonym([.term(text), .term(canonical)])
    }

    /// A Chinese word matches as a word term or as an adjacent character
    /// sequence: the gram term itself up to `TermExpansion.maxGram` characters,
    /// overlapping trigrams beyond. (One-character grams exist only for the
    /// lexicon's stand-alone characters; other single characters match as words.) This is what keeps 儿童装 from matching
    /// titles that only have 儿童 … 童装 (no gram 儿童装 there).
    static func chineseQuery(_ text: String) -> XapianQuery {
        let chars = Array(text.unicodeScalars)
        var gram: XapianQuery
        if chars.count <= TermExpansion.maxGram {
            gram = .term(Schema.Prefix.gram + text)
        } else {
            let n = TermExpansion.maxGram
            gram = .and(
                (0...(chars.count - n)).map { i in
                    .term(Schema.Prefix.gram + String(String.UnicodeScalarView(chars[i..<i + n])))
                })
        }
        return .synonym([.term(text), gram])
    }

    /// A model number or size matches whole, without its joiners
    /// (`hwy14-186bku1` = `hwy14186bku1`), as its joiner-separated pieces, or
    /// as its letter and digit parts (`iphone12` = `iphone` + `12`).
    static func latinQuery(_ text: String) -> XapianQuery {
        let bytes = Array(text.utf8)[...]
        var alternatives: [XapianQuery] = [.term(text)]
        if let canonical = UnitNormalizer.canonical(text) { alternatives.append(.term(canonical)) }
        let compact = String(decoding: bytes.filter { !TermExpansion.isJoiner($0) }, as: UTF8.self)
        if compact != text { alternatives.append(.term(compact)) }
        let pieces = bytes.split(whereSeparator: TermExpansion.isJoiner).map { String(decoding: $0, as: UTF8.self) }
        if pieces.count > 1 { alternatives.append(.and(pieces.map { .term($0) })) }
        let parts = TermExpansion.letterDigitParts(Array(compact.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
        if parts.count > 1 { alternatives.append(.and(parts.map { .term($0) })) }
        return .synonym(alternatives)
    }
}

/// The text part of a query, analysed into units.
public struct QueryPlan: Sendable, Hashable, Codable {
    public var normalized: String
    public var units: [QueryUnit]

    public init(normalized: String, units: [QueryUnit]) {
        self.normalized = normalized
        self.units = units
    }

    /// Builds units from an analysis:
    /// - Latin runs, numbers and measures are one unit each;
    /// - in a Chinese run, consecutive single characters merge into one unit
    ///   (ICU splits 套件 into 套|件, 充值卡 into 充|值|卡), and a lone single
    ///   character that is not a word of its own in the lexicon (红, 女, 灯 are)
    ///   joins its shorter neighbour (儿童|装 → 儿童装);
    /// - duplicate units are dropped.
    public init(analysis: Analysis, lexicon: Lexicon, alternatives: (QueryUnit) -> [[QueryUnit]] = { _ in [] }) {
        normalized = analysis.normalized
        var units: [QueryUnit] = []
        func add(_ u: QueryUnit) { if !u.text.isEmpty, !units.contains(u) { units.append(u) } }
        let runs = analysis.cjkRuns
        var runIndex = 0
        var i = 0
        let segments = analysis.segments
        while i < segments.count {
            if runIndex < runs.count, runs[runIndex].lowerBound == i {
                for word in Self.mergeRun(runs[runIndex].map { analysis.text(of: segments[$0]) }, lexicon: lexicon) {
                    var unit = QueryUnit(text: word, kind: .chinese, isProduct: lexicon.tags(of: word).contains(.product))
                    unit.parts = Self.parts(of: word, lexicon: lexicon)
                    add(unit)
                }
                i = runs[runIndex].upperBound
                runIndex += 1
                continue
            }
            let s = segments[i]
            let text = analysis.text(of: s)
            switch s.kind {
            case .latin: add(QueryUnit(text: text, kind: .latin))
            case .number: add(QueryUnit(text: text, kind: .number))
            case .measure: add(QueryUnit(text: text, kind: .measure))
            case .other: add(QueryUnit(text: text, kind: .other))
            case .cjk: add(QueryUnit(text: text, kind: .chinese, isProduct: lexicon.tags(of: text).contains(.product)))
            case .punctuation: break
            }
            i += 1
        }
        self.units = units.map { u in
            var u = u
            u.alternatives = alternatives(u)
            return u
        }
    }

    static func mergeRun(_ words: [String], lexicon: Lexicon) -> [String] {
        var merged: [String] = []
        var i = 0
        while i < words.count {
            if words[i].unicodeScalars.count == 1 {
                var j = i + 1
                while j < words.count, words[j].unicodeScalars.count == 1 { j += 1 }
                merged.append(words[i..<j].joined())
                i = j
            } else {
                merged.append(words[i])
                i += 1
            }
        }
        guard merged.count > 1 else { return merged }
        var k = 0
        while k < merged.count, merged.count > 1 {
            let w = merged[k]
            if w.unicodeScalars.count == 1, !lexicon.tags(of: w).contains(.single) {
                let left = k > 0 ? merged[k - 1].unicodeScalars.count : Int.max
                let right = k + 1 < merged.count ? merged[k + 1].unicodeScalars.count : Int.max
                if left <= right {
                    merged[k - 1] += w
                } else {
                    merged[k + 1] = w + merged[k + 1]
                }
                merged.remove(at: k)
            } else {
                k += 1
            }
        }
        return merged
    }

    /// `word` cut into the lexicon words of two characters or more inside it (covering as
    /// much as possible, in as few words as possible) and the stretches between them: a
    /// stretch of two characters or more stays a part (matched as a character sequence), a
    /// lone character that is no word of its own is let go. 莫桑石戒指 → [莫桑石, 戒指],
    /// 中雪糕 → [雪糕]. Empty unless a part is a product word and the cut changes something.
    static func parts(of word: String, lexicon: Lexicon) -> [String] {
        let chars = Array(word)
        let n = chars.count
        guard n >= 3, n <= 16 else { return [] }
        // best[i]: the most characters of chars[i...] lexicon words cover, in the fewest
        // words, and where each chosen word ends (0 where chars[i] is not covered).
        var covered = [Int](repeating: 0, count: n + 1)
        var count = [Int](repeating: 0, count: n + 1)
        var end = [Int](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            (covered[i], count[i], end[i]) = (covered[i + 1], count[i + 1], 0)
            for j in stride(from: i + 2, through: n, by: 1) where !(i == 0 && j == n) && lexicon.contains(String(chars[i..<j])) {
                let c = covered[j] + (j - i), k = count[j] + 1
                if c > covered[i] || (c == covered[i] && k < count[i]) { (covered[i], count[i], end[i]) = (c, k, j) }
            }
        }
        var parts: [String] = []
        var stretch = ""
        func closeStretch() {
            if stretch.count >= 2 || lexicon.tags(of: stretch).contains(.single) { parts.append(stretch) }
            stretch = ""
        }
        var i = 0
        while i < n {
            if end[i] > 0 {
                closeStretch()
                parts.append(String(chars[i..<end[i]]))
                i = end[i]
            } else {
                stretch.append(chars[i])
                i += 1
            }
        }
        closeStretch()
        guard parts != [word], parts.contains(where: { lexicon.tags(of: $0).contains(.product) }) else { return [] }
        return parts
    }

    public var isEmpty: Bool { units.isEmpty }

    /// AND over the given units (all of them by default); MatchAll when there are none.
    public func conjunction(_ subset: [QueryUnit]? = nil) -> XapianQuery {
        let us = subset ?? units
        return us.isEmpty ? .all : .and(us.map(\.query))
    }
}
