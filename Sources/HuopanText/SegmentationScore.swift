import Foundation

/// Word-segmentation precision, recall and F1 against a gold standard in the
/// SIGHAN bakeoff format (one sentence per line, words separated by spaces).
/// A word counts as correct when its exact character span is a gold word,
/// punctuation included, as the bakeoff's scorer counts it.
public struct SegmentationScore: Sendable, Codable, CustomStringConvertible {
    public var goldWords = 0
    public var predictedWords = 0
    public var correctWords = 0
    public var lines = 0
    /// Lines whose normalised gold and raw text disagree; they are left out.
    public var skippedLines = 0

    public init() {}

    public var precision: Double { predictedWords == 0 ? 0 : Double(correctWords) / Double(predictedWords) }
    public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public var description: String {
        String(
            format: "P %.4f  R %.4f  F1 %.4f  (%d lines, %d gold words, %d skipped)",
            precision, recall, f1, lines, goldWords, skippedLines)
    }

    /// Scores `analyzer` on one gold line (words separated by whitespace).
    public mutating func add(goldLine: String, analyzer: Analyzer) throws {
        let goldWords = goldLine.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
        guard !goldWords.isEmpty else { return }
        var goldSpans = Set<Int64>()
        var position = 0
        var goldText = ""
        for word in goldWords {
            let normalized = try analyzer.normalize(String(word)).filter { !$0.isWhitespace }
            let length = normalized.unicodeScalars.count
            guard length > 0 else { continue }
            goldSpans.insert(Int64(position) << 32 | Int64(position + length))
            position += length
            goldText += normalized
        }
        let analysis = try analyzer.analyze(goldWords.joined())
        // Map byte offsets of the normalised text to scalar offsets, skipping whitespace.
        let text = analysis.utf8
        var scalarAt = [Int](repeating: 0, count: text.count + 1)
        var n = 0
        var idx = 0
        var compact = ""
        for scalar in analysis.normalized.unicodeScalars {
            let width = String(scalar).utf8.count
            for k in 0..<width { scalarAt[idx + k] = n }
            if !scalar.properties.isWhitespace { n += 1; compact.unicodeScalars.append(scalar) }
            idx += width
        }
        scalarAt[text.count] = n
        lines += 1
        guard compact == goldText else { skippedLines += 1; return }
        self.goldWords += goldSpans.count
        for segment in analysis.segments {
            let a = scalarAt[segment.start], b = scalarAt[segment.end]
            guard b > a else { continue }
            predictedWords += 1
            if goldSpans.contains(Int64(a) << 32 | Int64(b)) { correctWords += 1 }
        }
    }
}
