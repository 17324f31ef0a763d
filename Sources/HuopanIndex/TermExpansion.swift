import HuopanText

/// The rules that turn analysed text into index terms. Documents and queries
/// both go through them, so a query term always has the form the index stores.
public enum TermExpansion {
    /// Longest character n-gram indexed for Chinese runs. Query words of up to
    /// this many characters match as one gram term, i.e. as an adjacent sequence.
    public static let maxGram = 3

    static func isJoiner(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Forms under which a Latin/digit run is indexed (duplicates removed, order kept):
    /// the whole run (`hwy14-186bku1`), the run without joiners (`hwy14186bku1`),
    /// its joiner-separated pieces (`hwy14`, `186bku1`), and the letter and digit
    /// parts of each piece (`hwy`, `14`, `186`, `bku`, `1`) so `hp901` is found by `hp` and `901`.
    public static func latinForms(_ run: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var forms: [ArraySlice<UInt8>] = [run]
        func add(_ f: ArraySlice<UInt8>) { if !f.isEmpty, !forms.contains(where: { $0.elementsEqual(f) }) { forms.append(f) } }
        let compact = run.filter { !isJoiner($0) }
        add(compact[...])
        var pieces: [ArraySlice<UInt8>] = []
        var start = run.startIndex
        for i in run.indices where isJoiner(run[i]) {
            pieces.append(run[start..<i])
            start = i + 1
        }
        pieces.append(run[start..<run.endIndex])
        if pieces.count > 1 { pieces.forEach(add) }
        for piece in pieces { letterDigitParts(piece).forEach(add) }
        return forms
    }

    /// Splits a piece where letters meet digits: `6dvd` → `6`, `dvd`. Returns nothing for pure pieces.
    public static func letterDigitParts(_ piece: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        guard piece.count > 1 else { return [] }
        var parts: [ArraySlice<UInt8>] = []
        var start = piece.startIndex
        var i = piece.index(after: start)
        while i < piece.endIndex {
            if isDigit(piece[i]) != isDigit(piece[i - 1]) {
                parts.append(piece[start..<i])
                start = i
            }
            i += 1
        }
        guard !parts.isEmpty else { return [] }
        parts.append(piece[start..<piece.endIndex])
        return parts
    }

    /// Byte offsets of the characters of `utf8[from..<to]`, plus `to`.
    public static func characterOffsets(_ utf8: [UInt8], from: Int, to: Int) -> [Int] {
        var offsets: [Int] = []
        var i = from
        while i < to {
            offsets.append(i)
            let b = utf8[i]
            i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }
        offsets.append(to)
        return offsets
    }

    /// Calls `body` with the byte range of every 2...maxGram character n-gram
    /// of a run, and of the single characters `keepSingle` accepts.
    ///
    /// Single characters are most of a title's grams yet only matter for a query
    /// that is one character long; they are kept for the characters that stand
    /// as words (the lexicon's `singles`: 灯 finds 台灯), which halves the
    /// postings Xapian buffers per document.
    public static func forEachGram(_ offsets: [Int], keepSingle: (Range<Int>) -> Bool, _ body: (Range<Int>) -> Void) {
        let chars = offsets.count - 1
        guard chars > 0 else { return }
        for i in 0..<chars {
            if keepSingle(offsets[i]..<offsets[i + 1]) { body(offsets[i]..<offsets[i + 1]) }
            for n in 2...maxGram where i + n <= chars {
                body(offsets[i]..<offsets[i + n])
            }
        }
    }

    /// A measure is also indexed in canonical units (1.2米 also as 120cm), so
    /// either spelling in a query finds it.
    static func addCanonical(_ bytes: ArraySlice<UInt8>, wdf: UInt32, to doc: inout XapianDocument) {
        guard bytes.contains(where: isDigit), let canonical = UnitNormalizer.canonical(String(decoding: bytes, as: UTF8.self)) else {
            return
        }
        doc.addTerm(canonical.utf8, wdf: wdf)
    }

    /// Adds the terms of one analysed field to `doc`: words (and Latin forms) with
    /// `wdf`, and, when `grams` is set, the character n-grams of its Chinese runs.
    public static func addTerms(
        of analysis: Analysis, wdf: UInt32, grams: Bool, singles: Set<[UInt8]> = [],
        to doc: inout XapianDocument
    ) {
        let utf8 = analysis.utf8
        for segment in analysis.segments {
            let bytes = utf8[segment.start..<segment.end]
            switch segment.kind {
            case .punctuation:
                continue
            case .cjk, .other:
                doc.addTerm(bytes, wdf: wdf)
            case .latin, .number:
                for form in latinForms(bytes) { doc.addTerm(form, wdf: wdf) }
                addCanonical(bytes, wdf: wdf, to: &doc)
            case .measure:
                doc.addTerm(bytes, wdf: wdf)
                addCanonical(bytes, wdf: wdf, to: &doc)
                // The number alone, so "1.2米" is also found by "1.2".
                if let end = bytes.firstIndex(where: { $0 >= 0x80 }), end > bytes.startIndex {
                    doc.addTerm(bytes[bytes.startIndex..<end], wdf: wdf)
                }
            }
        }
        guard grams else { return }
        for run in analysis.cjkRuns {
            let offsets = characterOffsets(
                utf8, from: analysis.segments[run.lowerBound].start,
                to: analysis.segments[run.upperBound - 1].end)
            forEachGram(offsets, keepSingle: { !singles.isEmpty && singles.contains(Array(utf8[$0])) }) { range in
                doc.addTerm(prefix: Schema.Prefix.gram, utf8[range], wdf: Schema.FieldWeight.gram)
            }
        }
    }
}
