// Properties checked (head_word and the category vote that uses it):
// - an occurrence that is a word of its own scores 1, the end of a longer word 0.7, the
//   start of a longer word, a straddle of two words or an accessory's target 0;
// - the best occurrence counts (a title saying 螺丝刀 and 螺丝 is about screws too);
// - a title without the word (matched elsewhere) is 0.5, and so is every title for a query
//   without a product word;
// - the category vote follows the evidence: a category named by the product word wins,
//   and votes from titles that only modify the product push no category hard.
import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct HeadWordTests {
    func value(_ title: String, _ query: String) -> Double {
        let c = candidate(Fixtures.offer("a", title: title))
        return HeadWord().value(c, in: window([c], query: query, headWords: true))
    }

    @Test(arguments: [
        ("不锈钢 螺丝 m6 十字", "螺丝", 1.0),
        ("螺丝刀套装 多功能", "螺丝", 0.0),
        ("螺丝刀套装 送螺丝", "螺丝", 1.0),
        ("布艺沙发垫 四季通用", "沙发", 0.0),
        ("布艺沙发垫 四季通用", "沙发垫", 1.0),
        ("透明收纳盒 桌面", "盒", 0.7),
        ("饼干礼盒装 零食", "盒", 0.0),
        ("手机壳 适用苹果", "手机", 0.0),
        ("硅胶保护套 适用手机", "手机", 0.0),
        ("老人手机 大字大声", "手机", 1.0),
        ("男士运动鞋 跑步", "鞋", 0.7),
        ("人民邮电出版社 图书包邮", "书包", 0.0),
        ("电动扳手电钻 大扭力", "电动扳手", 1.0),
        ("led灯泡 e27 螺口", "led灯泡", 1.0),
        ("吸顶灯 客厅 含led灯泡", "led灯泡", 1.0),
        ("不锈钢 水杯", "保温杯", 0.5),
    ])
    func occurrencesAreReadByTheWordsAroundThem(title: String, query: String, expected: Double) {
        #expect(value(title, query) == expected, "\(title) for \(query)")
    }

    @Test func aQueryWithoutAProductWordGivesNoEvidence() {
        #expect(value("螺丝刀套装", "xyz123") == 0.5)
    }

    @Test func theCategoryTheProductWordNamesWinsTheVote() {
        let lamps = (0..<6).map {
            candidate(Fixtures.offer("l\($0)", title: "吸顶灯 客厅 led灯泡", category: ["灯饰照明", "灯具", "吸顶灯"]), text: 5, docid: UInt32($0))
        }
        let bulbs = (0..<2).map {
            candidate(Fixtures.offer("b\($0)", title: "led灯泡 e27", category: ["灯饰照明", "光源", "led灯泡"]), text: 4, docid: UInt32(10 + $0))
        }
        let w = window(lamps + bulbs, query: "led灯泡", headWords: true)
        #expect(CategoryMatch().value(bulbs[0], in: w) == 1)
        #expect(CategoryMatch().value(lamps[0], in: w) < 1)
        // Without the lexicon the plain vote makes the lamps the query's category.
        let plain = window(lamps + bulbs, query: "led灯泡")
        #expect(CategoryMatch().value(lamps[0], in: plain) == 1)
    }

    @Test func votesFromModifiersAloneStayModest() {
        let drivers = (0..<5).map {
            candidate(Fixtures.offer("d\($0)", title: "螺丝刀套装 精密", category: ["五金工具", "手动工具", "螺丝刀"]), text: 5, docid: UInt32($0))
        }
        let w = window(drivers, query: "螺丝", headWords: true)
        #expect(CategoryMatch().value(drivers[0], in: w) <= 0.1 + 1e-9)
    }
}
