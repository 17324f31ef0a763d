/// One word of analysed text: a byte range of the normalised UTF-8 and what it is.
public struct Segment: Hashable, Sendable {
    public enum Kind: UInt8, Sendable, Codable {
        /// Chinese (ideographic) word.
        case cjk
        /// A run of letters and digits, possibly joined by - _ . / (`hwy14-186bku1`, `iphone12`, `500ml`).
        case latin
        /// Digits only, possibly with a decimal point (`1.2`, `2026`).
        case number
        /// A number glued to a Chinese unit (`1.2米`, `1000件`, `10元`).
        case measure
        /// Other scripts that ICU calls words (kana, for instance).
        case other
        /// Punctuation and symbols: kept for segmentation scoring, never a term.
        case punctuation
    }

    public var start: Int
    public var end: Int
    public var kind: Kind

    public init(start: Int, end: Int, kind: Kind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    public var isWord: Bool { kind != .punctuation }
}

/// The result of analysing one text: the normalised text and its segments.
public struct Analysis: Sendable {
    /// Normalised text (NFKC, case-folded, simplified) as UTF-8.
    public let utf8: [UInt8]
    /// Segments in text order, punctuation included.
    public let segments: [Segment]

    public init(utf8: [UInt8], segments: [Segment]) {
        self.utf8 = utf8
        self.segments = segments
    }

    public var normalized: String { String(decoding: utf8, as: UTF8.self) }

    public func text(of segment: Segment) -> String {
        String(decoding: utf8[segment.start..<segment.end], as: UTF8.self)
    }

    /// The words (segments that are not punctuation), as strings.
    public var words: [String] { segments.filter(\.isWord).map(text(of:)) }

    /// Maximal runs of adjacent CJK segments, as (first, last+1) indices into `segments`.
    /// Character n-grams are taken over these runs, so they never bridge a gap.
    public var cjkRuns: [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < segments.count {
            guard segments[i].kind == .cjk else { i += 1; continue }
            var j = i + 1
            while j < segments.count, segments[j].kind == .cjk, segments[j].start == segments[j - 1].end { j += 1 }
            runs.append(i..<j)
            i = j
        }
        return runs
    }
}
