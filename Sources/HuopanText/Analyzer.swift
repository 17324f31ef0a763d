// HuopanText: turns Chinese marketplace text into words, the same way at index
// time and at query time. Normalisation and ICU word break run in C (CICU); the
// domain lexicon, Latin/number runs and measures are merged here.
import CICU
import Foundation

/// The one analyzer used for offers and for queries.
///
/// Pipeline: NFKC with case folding (full-width → half-width, lower-case),
/// Traditional → Simplified, ICU dictionary word break for `zh`, then:
/// 1. letters and digits joined by `- _ . /` become one run (`hwy14-186bku1`);
/// 2. a number followed by a unit from the lexicon becomes a measure (`1.2米`, `1000件`);
/// 3. each run of Chinese characters is re-segmented by a shortest-path search
///    over ICU's words, lexicon words and single characters (see `segmentRun`),
///    which keeps lexicon words whole where ICU splits them (连|衣裙 → 连衣裙).
///
/// Holds an ICU break iterator, so it is a resource: one per thread.
public final class Analyzer {
    public let lexicon: Lexicon
    private let icu: ICUText
    /// Buffers reused across calls (an Analyzer is single-threaded). A call moves
    /// them into a local value, so the hot loops skip the dynamic exclusivity
    /// checks that accesses to class properties pay.
    private var spare = Scratch()

    struct Scratch {
        var scalars: [UInt32] = []
        var offsets: [Int] = []
        var icuBoundary: [Bool] = []
        var cost: [Float] = []
        var back: [Int] = []
    }

    public init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        self.icu = try ICUText()
    }

    /// Normalised form of `text` (what the index stores and compares against).
    public func normalize(_ text: String) throws -> String {
        try icu.run(text, segment: false) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
    }

    /// Normalises and segments `text`.
    public func analyze(_ text: String) throws -> Analysis {
        try icu.run(text, segment: true) { bytes, spans in
            let utf8 = Array(bytes)
            var scratch = spare
            spare = Scratch()
            let segments = utf8.withUnsafeBufferPointer { buf in buildSegments(buf, spans, &scratch) }
            spare = scratch
            return Analysis(utf8: utf8, segments: segments)
        }
    }

    // MARK: - segment building

    private enum SpanClass { case ideo, letter, number, other, punct }

    private static func classify(_ status: Int32) -> SpanClass {
        switch status {
        case 400..<500: .ideo
        case 300..<400: .other
        case 200..<300: .letter
        case 100..<200: .number
        default: .punct
        }
    }

    private static func isJoiner(_ utf8: UnsafeBufferPointer<UInt8>, _ span: cicu_span) -> Bool {
        // "·" (U+00B7) is the decimal point of full-width Chinese typesetting (１４·９％).
        if span.end - span.start == 2 { return utf8[Int(span.start)] == 0xC2 && utf8[Int(span.start) + 1] == 0xB7 }
        guard span.end - span.start == 1 else { return false }
        let c = utf8[Int(span.start)]
        return c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
    }

    /// ○ (U+25CB) written as a zero in Chinese numerals (二○○一年) and 〇 count as ideographs.
    private static func isCircleZero(_ utf8: UnsafeBufferPointer<UInt8>, _ span: cicu_span) -> Bool {
        guard span.end - span.start == 3 else { return false }
        let b = (utf8[Int(span.start)], utf8[Int(span.start) + 1], utf8[Int(span.start) + 2])
        return b == (0xE2, 0x97, 0x8B) || b == (0xE3, 0x80, 0x87)
    }

    private func spanClass(_ utf8: UnsafeBufferPointer<UInt8>, _ span: cicu_span) -> SpanClass {
        let cls = Self.classify(span.status)
        return cls == .punct && Self.isCircleZero(utf8, span) ? .ideo : cls
    }

    private func buildSegments(
        _ utf8: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<cicu_span>,
        _ scratch: inout Scratch
    ) -> [Segment] {
        var out: [Segment] = []
        out.reserveCapacity(spans.count)
        var i = 0
        let n = spans.count
        while i < n {
            let cls = spanClass(utf8, spans[i])
            switch cls {
            case .letter, .number:
                // Extend over adjacent letters/digits and single joiners between them.
                var end = spans[i].end
                var j = i + 1
                while j < n, spans[j].start == end {
                    let c = Self.classify(spans[j].status)
                    if c == .letter || c == .number {
                        end = spans[j].end
                        j += 1
                    } else if Self.isJoiner(utf8, spans[j]), j + 1 < n, spans[j + 1].start == spans[j].end,
                        [.letter, .number].contains(Self.classify(spans[j + 1].status))
                    {
                        end = spans[j + 1].end
                        j += 2
                    } else if utf8[Int(spans[j].start)] == UInt8(ascii: "%"), spans[j].end - spans[j].start == 1,
                        utf8[Int(end) - 1] >= 0x30, utf8[Int(end) - 1] <= 0x39
                    {
                        end = spans[j].end  // 14.9% is one number
                        j += 1
                        break
                    } else {
                        break
                    }
                }
                // ICU's rule status for mixed runs follows the last rule, so look at the bytes.
                // (0xC2 leads only Latin-1 punctuation such as the "·" decimal point.)
                let hasLetter = utf8[Int(spans[i].start)..<Int(end)].contains { $0 >= 0xC3 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
                out.append(Segment(start: Int(spans[i].start), end: Int(end), kind: hasLetter ? .latin : .number))
                i = j
            case .ideo:
                var j = i + 1
                while j < n, spans[j].start == spans[j - 1].end, spanClass(utf8, spans[j]) == .ideo { j += 1 }
                segmentRun(utf8, spans, i..<j, into: &out, &scratch)
                i = j
            case .other:
                out.append(Segment(start: Int(spans[i].start), end: Int(spans[i].end), kind: .other))
                i += 1
            case .punct:
                // A run of the same mark (——, ……) is one token, as typesetting treats it.
                var j = i + 1
                let width = spans[i].end - spans[i].start
                while j < n, spans[j].start == spans[j - 1].end, spans[j].end - spans[j].start == width,
                    Self.classify(spans[j].status) == .punct,
                    (0..<Int(width)).allSatisfy({ utf8[Int(spans[j].start) + $0] == utf8[Int(spans[i].start) + $0] })
                { j += 1 }
                out.append(Segment(start: Int(spans[i].start), end: Int(spans[j - 1].end), kind: .punctuation))
                i = j
            }
        }
        return out
    }

    /// Segments one run of adjacent ideographic ICU spans.
    ///
    /// Shortest path over the characters where an edge is an ICU word (cost 1),
    /// the remainder of an ICU word after a lexicon word ended inside it (1.1),
    /// a lexicon word of L characters (max(0.2, 1 − 0.25·(L−1))), or a single
    /// character ICU did not split off (1.3). Lexicon words therefore win where
    /// they cover more text per word, and ICU's segmentation stands elsewhere.
    /// A word of the general vocabulary alone must start and end on ICU boundaries.
    /// A measure is formed first when the run starts with a unit right after a number.
    private func segmentRun(
        _ utf8: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<cicu_span>,
        _ range: Range<Int>, into out: inout [Segment], _ s: inout Scratch
    ) {
        let runStart = Int(spans[range.lowerBound].start)
        let runEnd = Int(spans[range.upperBound - 1].end)
        Self.decodeScalars(utf8, runStart, runEnd, &s.scalars, &s.offsets)
        // Locals, so the loops below work on plain values.
        var scalars = s.scalars, offsets = s.offsets, icuBoundary = s.icuBoundary, cost = s.cost, back = s.back
        defer { s = Scratch(scalars: scalars, offsets: offsets, icuBoundary: icuBoundary, cost: cost, back: back) }
        _ = (scalars, offsets)
        let count = scalars.count
        icuBoundary.removeAll(keepingCapacity: true)
        icuBoundary.append(contentsOf: repeatElement(false, count: count + 1))
        var k = 0
        for s in range {
            while offsets[k] < Int(spans[s].start) { k += 1 }
            icuBoundary[k] = true
        }
        icuBoundary[count] = true

        let lexicon = self.lexicon
        var first = 0
        if let prev = out.last, prev.end == runStart,
            prev.kind == .number || (prev.kind == .latin && utf8[prev.end - 1] >= 0x30 && utf8[prev.end - 1] <= 0x39)
        {
            var unitLength = 0
            scalars.withUnsafeBufferPointer { buf in
                lexicon.forEachMatch(in: buf, from: 0) { length, bits in
                    if Lexicon.isUnit(bits) { unitLength = length }
                }
            }
            if unitLength > 0 {
                out[out.count - 1] = Segment(start: prev.start, end: offsets[unitLength], kind: .measure)
                first = unitLength
                icuBoundary[first] = true
            }
        }
        // A lexicon word that starts in Latin letters and ends in Chinese (t恤, polo衫, u盘,
        // a字裙, ins风) is one word: ICU cuts it at the script change, so the Latin segment
        // just before the run is joined with the run's first characters.
        if first == 0, let prev = out.last, prev.kind == .latin, prev.end == runStart, prev.end - prev.start <= 8,
            (prev.start..<prev.end).allSatisfy({ utf8[$0] < 0x80 })
        {
            var combined = (prev.start..<prev.end).map { UInt32(utf8[$0]) }
            let prefix = combined.count
            combined.append(contentsOf: scalars.prefix(count))
            var longest = 0
            combined.withUnsafeBufferPointer { buf in
                lexicon.forEachMatch(in: buf, from: 0) { length, bits in
                    if length > prefix, !Lexicon.isGeneralOnly(bits) { longest = length }
                }
            }
            if longest > 0 {
                out[out.count - 1] = Segment(start: prev.start, end: offsets[longest - prefix], kind: .cjk)
                first = longest - prefix
                icuBoundary[first] = true
            }
        }
        guard first < count else { return }

        cost.removeAll(keepingCapacity: true)
        cost.append(contentsOf: repeatElement(Float.infinity, count: count + 1))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(-1, count: count + 1))
        cost[first] = 0
        // Raw buffers: a nested function that mutated the arrays themselves would box them
        // on the heap for every run.
        cost.withUnsafeMutableBufferPointer { cost in
            back.withUnsafeMutableBufferPointer { back in
                icuBoundary.withUnsafeBufferPointer { icuBoundary in
                    scalars.withUnsafeBufferPointer { buf in
                        for i in first..<count where cost[i].isFinite {
                            @inline(__always) func relax(_ end: Int, _ c: Float) {
                                if cost[i] + c < cost[end] { cost[end] = cost[i] + c; back[end] = i }
                            }
                            var next = i + 1
                            while !icuBoundary[next] { next += 1 }
                            relax(next, icuBoundary[i] ? 1.0 : 1.1)
                            if next != i + 1 { relax(i + 1, 1.3) }
                            lexicon.forEachMatch(in: buf, from: i) { length, bits in
                                guard length >= 2 else { return }
                                // General vocabulary only joins pieces ICU split apart; cutting an ICU word
                                // (长|桌子 into 长桌|子) is left to the domain words, which know products.
                                if Lexicon.isGeneralOnly(bits), !(icuBoundary[i] && icuBoundary[i + length]) { return }
                                relax(i + length, max(0.2, 1.0 - 0.25 * Float(length - 1)))
                            }
                            // Chinese numerals read as one number, with a date unit or 第 when present
                            // (二○○一年, 十二月, 三十一日, 第一).
                            var j = buf[i] == 0x7B2C ? i + 1 : i  // 第
                            while j < count, Self.isNumeral(buf[j]) { j += 1 }
                            if j > i + (buf[i] == 0x7B2C ? 1 : 0) {
                                // 年 only after a year (three numerals or more): 一年 is "one year", two words.
                                if j < count, Self.isDateUnit(buf[j]), buf[j] != 0x5E74 || j - i >= 3 { relax(j + 1, 0.3) }
                                if j - i >= 2 { relax(j, 0.5) }
                            }
                        }
                    }
                }
            }
        }
        let insertAt = out.count
        var end = count
        while end > first {
            let start = back[end]
            out.append(Segment(start: offsets[start], end: offsets[end], kind: .cjk))
            end = start
        }
        out[insertAt...].reverse()
    }

    private static func isNumeral(_ c: UInt32) -> Bool {
        switch c {
        case 0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
            0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24:
            true  // 〇○零一二三四五六七八九十百千万亿两
        default: false
        }
    }

    private static func isDateUnit(_ c: UInt32) -> Bool {
        c == 0x5E74 || c == 0x6708 || c == 0x65E5  // 年 月 日
    }

    private static func decodeScalars(
        _ utf8: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int,
        _ scalars: inout [UInt32], _ offsets: inout [Int]
    ) {
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var i = from
        while i < to {
            offsets.append(i)
            let b = utf8[i]
            if b < 0x80 {
                scalars.append(UInt32(b)); i += 1
            } else if b < 0xE0 {
                scalars.append(UInt32(b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)); i += 2
            } else if b < 0xF0 {
                scalars.append(UInt32(b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)); i += 3
            } else {
                scalars.append(
                    UInt32(b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
                        | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F));
                i += 4
            }
        }
        offsets.append(to)
    }
}

extension Analyzer {
    /// Loads the lexicon files of `directory` (one word per line, `#` starts a
    /// comment, the file name gives the tag: `products.txt`, `units.txt` ...),
    /// normalising every entry the way text is normalised.
    public static func loadLexicon(directory: URL) throws -> Lexicon {
        let normalizer = try ICUText()
        var lexicon = Lexicon()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw TextError(message: "no lexicon files (*.txt) in \(directory.path)") }
        for file in files {
            let tag = Lexicon.Tag.allCases.first { $0.fileName == file } ?? .general
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                    .trimmingCharacters(in: .whitespaces)
                guard !word.isEmpty else { continue }
                let normalized = try normalizer.run(word, segment: false) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
                lexicon.insert(normalized, tag: tag)
            }
        }
        return lexicon
    }
}
