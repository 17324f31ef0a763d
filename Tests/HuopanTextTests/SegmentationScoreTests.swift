import HuopanTestSupport
import Testing

@testable import HuopanText

@Suite struct SegmentationScoreTests {
    @Test func countsExactSpansOnly() throws {
        var score = SegmentationScore()
        // The analyzer keeps 连衣裙 whole and splits the rest its own way; compare with a gold line.
        try score.add(goldLine: "连衣裙  女  ，", analyzer: Fixtures.analyzer())
        #expect(score.goldWords == 3)
        #expect(score.predictedWords == 3)
        #expect(score.correctWords == 3)
        #expect(score.f1 == 1)
        var wrong = SegmentationScore()
        try wrong.add(goldLine: "连  衣裙", analyzer: Fixtures.analyzer())
        #expect(wrong.goldWords == 2 && wrong.predictedWords == 1 && wrong.correctWords == 0)
    }
}
