import HuopanTestSupport
import Testing

@testable import HuopanText

@Suite struct QueryCuesTests {
    let reader = QueryCueReader(lexicon: Fixtures.lexicon)

    struct Case: Sendable, CustomTestStringConvertible {
        let query: String
        let text: String
        let intent: BuyerIntent?
        let qty: Int?
        var testDescription: String { query }
    }

    // Real-style wholesale queries; several are from the Taobao query log with a cue added.
    static let cases: [Case] = [
        Case(query: "连衣裙批发", text: "连衣裙", intent: .bulkWholesale, qty: nil),
        Case(query: "保温杯定制logo", text: "保温杯", intent: .customization, qty: nil),
        Case(query: "帆布袋来图定制", text: "帆布袋", intent: .customization, qty: nil),
        Case(query: "t恤贴牌", text: "t恤", intent: .customization, qty: nil),
        Case(query: "手机壳一件代发", text: "手机壳", intent: .newProductTesting, qty: nil),
        Case(query: "工厂直销 收纳盒", text: "收纳盒", intent: .bulkWholesale, qty: nil),
        Case(query: "焦糖色美背薄款 1000件", text: "焦糖色美背薄款", intent: .bulkWholesale, qty: 1000),
        Case(query: "减速器链条500个", text: "减速器链条", intent: .bulkWholesale, qty: 500),
        Case(query: "灌香肠红曲米 2箱", text: "灌香肠红曲米", intent: .smallBatch, qty: 100),
        Case(query: "tasco望远镜 20个", text: "tasco望远镜", intent: .smallBatch, qty: 20),
        Case(query: "统机手表壳 1件", text: "统机手表壳", intent: .newProductTesting, qty: 1),
        Case(query: "三件套床品", text: "三件套床品", intent: nil, qty: nil),
        Case(query: "四件套 3件套", text: "四件套 3件套", intent: nil, qty: nil),
        Case(query: "小批量 定制 卫衣 200件", text: "卫衣", intent: .customization, qty: 200),
    ]

    @Test(arguments: cases)
    func readsIntentAndQuantity(c: Case) {
        let cues = reader.read(c.query)
        #expect(cues.text == c.text)
        #expect(cues.intent == c.intent)
        #expect(cues.qty == c.qty)
    }

    @Test func readsPrices() {
        let upTo = reader.read("发夹10元以内")
        #expect(upTo.priceMax == 10 && upTo.priceMin == nil && upTo.text == "发夹")
        let range = reader.read("20-50元 连衣裙")
        #expect(range.priceMin == 20 && range.priceMax == 50 && range.text == "连衣裙")
        let around = reader.read("100元左右保温杯")
        #expect(around.priceMin == 80 && around.priceMax == 120)
    }

    @Test func readsPlacesAndServicePromises() {
        let c = reader.read("义乌 发夹 一件代发 48小时发货")
        #expect(c.places == ["义乌"])
        #expect(c.dropship)
        #expect(c.shipWithinHours == 48)
        #expect(c.text == "发夹")
        #expect(reader.read("广州十三行连衣裙").places == ["广州十三行"])
    }
}
