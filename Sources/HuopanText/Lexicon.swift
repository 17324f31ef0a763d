import Foundation

/// The domain lexicon: product words, materials, brands, units, places and
/// style words that segmentation must keep whole, plus the short list of
/// single characters that stand as words on their own (红, 女, 灯 ...).
///
/// Stored as a trie over Unicode scalars packed into one dictionary
/// (`node << 21 | scalar` → child) so a longest-match walk costs one hash
/// lookup per character and the whole value stays `Sendable`.
public struct Lexicon: Sendable {
    /// What a word is; one word may carry several tags.
    public enum Tag: String, Sendable, CaseIterable, Codable {
        case product, material, brand, unit, place, style, single, general

        /// The lexicon file a tag is read from (`products.txt` for `.product` ...).
        public var fileName: String {
            switch self {
            case .product: "products.txt"
            case .material: "materials.txt"
            case .brand: "brands.txt"
            case .unit: "units.txt"
            case .place: "places.txt"
            case .style: "styles.txt"
            case .single: "singles.txt"
            case .general: "general.txt"
            }
        }

        var bit: UInt16 { UInt16(1) << UInt16(Tag.allCases.firstIndex(of: self)!) }
    }

    private var children = TrieEdges()
    private var terminal: [UInt16] = [0]  // tag bits per node; 0 = not a word end
    private var byTag: [Tag: [String]] = [:]
    /// Longest word, in characters.
    public private(set) var maxLength = 0
    /// Number of distinct words.
    public private(set) var count = 0
    /// A short fingerprint of the content, recorded in indexes built with it.
    public var fingerprint: UInt64 { hash.value }
    private var hash = FNV1a()

    public init() {}

    /// Builds a lexicon from (word, tag) pairs. Words are expected in normalised
    /// form (simplified, lower-case, half-width); `Analyzer` normalises files on load.
    public init<S: Sequence>(_ entries: S) where S.Element == (String, Tag) {
        for (word, tag) in entries { insert(word, tag: tag) }
    }

    public mutating func insert(_ word: String, tag: Tag) {
        let scalars = word.unicodeScalars.map(\.value)
        guard !scalars.isEmpty else { return }
        var node: Int32 = 0
        for s in scalars {
            let key = UInt64(node) << 21 | UInt64(s)
            if let next = children.child(key) {
                node = next
            } else {
                let next = Int32(terminal.count)
                terminal.append(0)
                children.insert(key, next)
                node = next
            }
        }
        if terminal[Int(node)] == 0 { count += 1 }
        if terminal[Int(node)] & tag.bit == 0 {
            byTag[tag, default: []].append(word)
            hash.combine(word.utf8)
            hash.combine(word: UInt64(tag.bit))
        }
        terminal[Int(node)] |= tag.bit
        maxLength = max(maxLength, scalars.count)
    }

    /// Tags of `word`, empty when it is not in the lexicon.
    public func tags(of word: String) -> Set<Tag> {
        var node: Int32 = 0
        for s in word.unicodeScalars {
            guard let next = children.child(UInt64(node) << 21 | UInt64(s.value)) else { return [] }
            node = next
        }
        let bits = terminal[Int(node)]
        return Set(Tag.allCases.filter { bits & $0.bit != 0 })
    }

    public func contains(_ word: String) -> Bool { !tags(of: word).isEmpty }

    /// Calls `body(end)` with the end (exclusive) of every word of two characters or more that
    /// starts at `scalars[start]`, shortest first; words that are only stand-alone characters
    /// are skipped.
    @inline(__always)
    public func forEachWordEnd(in scalars: UnsafeBufferPointer<UInt32>, from start: Int, _ body: (Int) -> Void) {
        forEachMatch(in: scalars, from: start) { length, _ in if length >= 2 { body(start + length) } }
    }

    /// Words carrying `tag`, in insertion order.
    public func words(tagged tag: Tag) -> [String] { byTag[tag] ?? [] }

    /// Calls `body(length, tagBits)` for every lexicon word that starts at
    /// `scalars[start]`, shortest first.
    @inline(__always)
    func forEachMatch(in scalars: UnsafeBufferPointer<UInt32>, from start: Int, _ body: (Int, UInt16) -> Void) {
        var node: Int32 = 0
        var i = start
        while i < scalars.count, i - start < maxLength {
            guard let next = children.child(UInt64(node) << 21 | UInt64(scalars[i])) else { return }
            node = next
            i += 1
            let bits = terminal[Int(node)]
            if bits != 0 { body(i - start, bits) }
        }
    }

    static func isUnit(_ bits: UInt16) -> Bool { bits & Tag.unit.bit != 0 }
    /// A word known only from the general vocabulary (no domain tag).
    static func isGeneralOnly(_ bits: UInt16) -> Bool { bits == Tag.general.bit }
}
