import Foundation

/// Chinese words by their pinyin, so a buyer typing `lianyiqun` or `lyq` finds
/// 连衣裙. Readings come from ICU's Han-Latin transliteration (toneless), over
/// the indexed vocabulary; among words sharing a reading the most frequent wins.
public struct PinyinIndex: Sendable, Hashable {
    /// Full toneless pinyin without spaces → words, most frequent first.
    public private(set) var full: [String: [String]] = [:]
    /// Initials → words, most frequent first.
    public private(set) var initials: [String: [String]] = [:]

    public init() {}

    /// `words` with their document frequencies.
    public init(words: [(String, Int)]) throws {
        let translit = try Transliterator("Han-Latin; Latin-ASCII; Lower")
        var full: [String: [(String, Int)]] = [:], initials: [String: [(String, Int)]] = [:]
        for (word, df) in words where word.unicodeScalars.count >= 2 && word.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
            let syllables = try translit(word).split(separator: " ").map(String.init)
            guard syllables.count == word.unicodeScalars.count, syllables.allSatisfy({ !$0.isEmpty }) else { continue }
            full[syllables.joined(), default: []].append((word, df))
            initials[String(syllables.compactMap(\.first)), default: []].append((word, df))
        }
        self.full = full.mapValues { $0.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0) }
        self.initials = initials.mapValues { $0.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0) }
    }

    /// The word a Latin query token most likely spells: full pinyin first, then
    /// initials (three letters or more, so `hp` or `tv` stay Latin).
    public func word(for token: String) -> String? {
        guard token.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }), token.count >= 2 else { return nil }
        if let w = full[token]?.first { return w }
        if token.count >= 3, let w = initials[token]?.first { return w }
        return nil
    }
}
