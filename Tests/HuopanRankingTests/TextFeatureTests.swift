import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct TextFeatureTests {
    @Test func bm25IsRelativeToTheBestInTheWindow() {
        let a = candidate(Fixtures.offer("a", title: "保温杯"), text: 8)
        let b = candidate(Fixtures.offer("b", title: "保温杯"), text: 2)
        let w = window([a, b])
        #expect(TextBM25().value(a, in: w) == 1)
        #expect(TextBM25().value(b, in: w) == 0.25)
    }

    @Test func phraseAtStartInsideOrPartly() {
        let w = window([], query: "保温杯 礼盒")
        #expect(TextPhrase().value(candidate(Fixtures.offer("a", title: "保温杯礼盒 500ml")), in: w) == 1)
        #expect(TextPhrase().value(candidate(Fixtures.offer("b", title: "新款 保温杯 礼盒")), in: w) == 0.75)
        #expect(TextPhrase().value(candidate(Fixtures.offer("c", title: "礼盒装 不锈钢 保温杯")), in: w) == 0.5)
        #expect(TextPhrase().value(candidate(Fixtures.offer("d", title: "不锈钢 保温杯")), in: w) == 0.25)
    }

    @Test func categoryVotesOfTheTopMatches() {
        let cups = (0..<3).map { candidate(Fixtures.offer("c\($0)", title: "保温杯", category: ["家居日用", "杯壶"]), text: 5, docid: UInt32($0)) }
        let glass = candidate(Fixtures.offer("g", title: "保温杯", category: ["礼品", "杯"]), text: 4, docid: 9)
        let w = window(cups + [glass])
        #expect(CategoryMatch().value(cups[0], in: w) == 1)
        #expect(abs(CategoryMatch().value(glass, in: w) - 1.0 / 3) < 1e-12)
    }
}
