import HuopanIndex
import HuopanText

/// Whether the offer *is* the product the query names, or only mentions it: as a modifier
/// of another product (螺丝 in 螺丝刀, 沙发 in 沙发垫, 盒 in 盒装), or as what an accessory
/// is for (适用手机, 手机专用). In a Chinese compound the last product morpheme is the head
/// (沙发垫 is a cushion). Each occurrence of the query's product word in the title is read
/// against the lexicon words around it:
///
///     head_word = 1     some occurrence is a word of its own (no longer lexicon word covers it)
///               = 0.7   else some occurrence ends a longer word (鞋 in 运动鞋: a kind of it)
///               = 0     every occurrence starts or sits inside a longer word that runs on
///                       past it (螺丝刀, 盒装), straddles two words (书包 in 图书|包邮), or is
///                       what an accessory fits (适用手机, 手机专用)
///               = 0.5   the title does not carry the word (matched in attributes, by a
///                       synonym, by parts, or relaxed away): no evidence either way
///
/// The title is cut around the occurrence by bidirectional longest match over the lexicon. The
/// query's product word is its last product unit, else its last Chinese unit (鞋 alone),
/// with its one-word synonyms; a query without one gives every offer 0.5.
public struct HeadWord: RankingFeature {
    public static let name = "head_word"
    public static let summary = "the offer is the product the query names, not something it modifies or fits"
    public init() {}
    public func value(_ c: Candidate, in w: RankingWindow) -> Double {
        w.headWords[c.docid] ?? 0.5
    }
}

/// Reads head occurrences of a query's product word in titles (see `HeadWord`).
public struct HeadWords: Sendable {
    let lexicon: Lexicon
    /// The product word and its synonyms, as Unicode scalars.
    let needles: [[UInt32]]
    /// The same as text.
    public let words: [String]

    static let before: [[UInt32]] = ["适用", "适用于", "配", "适配"].map { $0.unicodeScalars.map(\.value) }
    static let after: [[UInt32]] = ["专用", "通用", "配件", "适用"].map { $0.unicodeScalars.map(\.value) }

    /// Nil when the query has no product word.
    public init?(plan: QueryPlan, lexicon: Lexicon) {
        guard let head = plan.units.last(where: \.isProduct) ?? plan.units.last(where: { $0.kind == .chinese }) else { return nil }
        self.lexicon = lexicon
        let texts = [head.text] + head.alternatives.filter { $0.count == 1 }.map { $0[0].text }
        words = texts.filter { !$0.isEmpty }
        needles = words.map { $0.unicodeScalars.map(\.value) }
    }

    /// Whether a category path (`女装>裙装>连衣裙`) ends in the product word or a synonym of it.
    public func names(category: String) -> Bool {
        let leaf = category.split(separator: ">").last.map(String.init) ?? category
        return words.contains(leaf)
    }

    /// 1, 0.7, 0 or 0.5 for a normalised title (see `HeadWord`).
    public func value(title: [UInt8]) -> Double {
        let scalars = String(decoding: title, as: UTF8.self).unicodeScalars.map(\.value)
        var best = -1.0
        for needle in needles {
            var i = 0
            while i + needle.count <= scalars.count {
                defer { i += 1 }
                guard scalars[i] == needle[0], Array(scalars[i..<i + needle.count]) == needle else { continue }
                best = max(best, occurrence(scalars, i, i + needle.count))
                if best == 1 { return 1 }
            }
        }
        return best < 0 ? 0.5 : best
    }

    /// 1 a word of its own, 0.7 the end of a longer word, 0 a modifier or accessory target.
    /// The title around the occurrence (up to `context` characters either side) is cut by
    /// bidirectional longest match over the lexicon: forward and backward, keeping the cut
    /// with fewer tokens, then fewer single characters, then the backward one (heads sit
    /// at the end of Chinese compounds). That settles ambiguities as a reader does:
    /// 布艺|沙发垫 (not 布艺沙发|垫), 电动扳手|电钻 (not 电动扳|手电钻). The occurrence is then
    /// read by where the cuts fall.
    func occurrence(_ s: [UInt32], _ start: Int, _ end: Int) -> Double {
        for b in Self.before where start >= b.count && Array(s[(start - b.count)..<start]) == b { return 0 }
        for a in Self.after where end + a.count <= s.count && Array(s[end..<(end + a.count)]) == a { return 0 }
        let lo = max(0, start - Self.context), hi = min(s.count, end + Self.context)
        // The lexicon words starting at each position of the window, walked once and shared by
        // both cuts (backward asks of each position up to `maxWord` times).
        var ends = [[Int]](repeating: [], count: hi - lo)
        s.withUnsafeBufferPointer { buffer in
            for k in lo..<hi {
                lexicon.forEachWordEnd(in: buffer, from: k) { e in if e <= hi { ends[k - lo].append(e) } }
            }
        }
        let forward = self.forward(ends, lo, hi), backward = self.backward(ends, lo, hi)
        func singles(_ cuts: [Int]) -> Int { zip(cuts, cuts.dropFirst()).filter { $1 - $0 == 1 }.count }
        let cuts =
            (forward.count, singles(forward)) < (backward.count, singles(backward)) ? forward : backward
        // The occurrence's end must be a cut: otherwise a token runs on past it (螺丝|刀, 盒|装) or straddles.
        guard cuts.contains(end) else { return 0 }
        if cuts.contains(start) { return 1 }
        // A token holding its first character began before it and ends with it: 运动鞋 for 鞋.
        guard let tokenStart = cuts.last(where: { $0 < start }), let tokenEnd = cuts.first(where: { $0 > start }) else { return 0 }
        return tokenEnd == end && tokenStart < start ? 0.7 : 0
    }

    /// Cut positions (ascending, both ends included) of forward longest match over s[lo..<hi];
    /// `ends[k - lo]` are the ends (≤ hi) of the lexicon words starting at k, ascending.
    func forward(_ ends: [[Int]], _ lo: Int, _ hi: Int) -> [Int] {
        var cuts = [lo]
        var cut = lo
        while cut < hi {
            cut = ends[cut - lo].last ?? cut + 1
            cuts.append(cut)
        }
        return cuts
    }

    /// Cut positions (ascending) of backward longest match over s[lo..<hi].
    func backward(_ ends: [[Int]], _ lo: Int, _ hi: Int) -> [Int] {
        var cuts = [hi]
        var cut = hi
        while cut > lo {
            var next = cut - 1
            for k in max(lo, cut - Self.maxWord)..<(cut - 1) where ends[k - lo].contains(cut) {
                next = k
                break
            }
            cut = next
            cuts.append(cut)
        }
        return cuts.reversed()
    }

    /// Characters either side of an occurrence that are cut, and the longest word tried backward.
    static let context = 6
    static let maxWord = 8
}
