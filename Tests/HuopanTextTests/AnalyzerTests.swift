import HuopanTestSupport
import Testing

@testable import HuopanText

@Suite struct AnalyzerTests {
    let analyzer = Fixtures.analyzer()

    func words(_ text: String) throws -> [String] { try analyzer.analyze(text).words }

    @Test func normalisesWidthCaseAndTraditional() throws {
        #expect(try analyzer.normalize("ＨＷＹ１４　iPhone") == "hwy14 iphone")
        #expect(try analyzer.normalize("連衣裙") == "连衣裙")
        #expect(try analyzer.normalize("運動鞋 牛仔褲") == "运动鞋 牛仔裤")
    }

    @Test(arguments: ["连衣裙", "牛仔裤", "运动鞋", "手机壳", "充电宝", "多肉植物", "电动牙刷", "汽车坐垫"])
    func keepsLexiconProductWordsWhole(word: String) throws {
        #expect(try words("2026新款\(word)批发").contains(word))
    }

    @Test func keepsModelNumbersAndSizesWhole() throws {
        #expect(try words("HWY14-186BKU1 电钻") == ["hwy14-186bku1", "电钻"])
        #expect(try words("iPhone12手机壳").first == "iphone12")
        #expect(try words("500ml保温杯").first == "500ml")
        #expect(try words("hp901墨盒").first == "hp901")
    }

    @Test func gluesNumbersToChineseUnits() throws {
        let a = try analyzer.analyze("1.2米长桌子 1000件")
        #expect(a.words == ["1.2米", "长", "桌子", "1000件"])
        #expect(a.segments.first?.kind == .measure)
    }

    @Test func dropsPunctuationFromWords() throws {
        #expect(try words("【爆款】连衣裙，女！！") == ["爆款", "连衣裙", "女"])
    }

    @Test func segmentsEmptyAndHostileInputWithoutCrashing() throws {
        #expect(try words("").isEmpty)
        #expect(try words("   \t ").isEmpty)
        #expect(try words("\u{0}\u{1}\u{7}连衣裙\u{1F}").contains("连衣裙"))
        let long = String(repeating: "连衣裙hwy14-", count: 1_000)
        #expect(try words(long).count > 1_000)
        #expect(try words("😀🎉 emoji 连衣裙").contains("连衣裙"))
    }

    @Test func chineseNumeralsAndDatesAreOneWord() throws {
        #expect(try words("二○○一年十二月三十一日") == ["二○○一年", "十二月", "三十一日"])
    }

    /// Two analyzers, and one analyzer after other texts (its scratch buffers reused), cut a
    /// title the same way, and the way a buyer would.
    @Test func sameTextSegmentsTheSameWayEveryTime() throws {
        let text = "韩版宽松纯棉短袖t恤女夏季ins风打底衫"
        let expected = ["韩版", "宽松", "纯棉", "短袖", "t恤", "女", "夏季", "ins风", "打底衫"]
        #expect(try words(text) == expected)
        let reused = Fixtures.analyzer()
        for other in ["保温杯500ml", String(repeating: "连衣裙hwy14-", count: 50), "二○○一年"] { _ = try reused.analyze(other) }
        let again = try reused.analyze(text)
        #expect(again.segments.map { again.text(of: $0) } == expected)
    }
}
