// Properties checked, each on a few real-looking titles written for the test (the patterns
// the real-title benchmark showed):
// - the product itself comes before offers that carry its word as a modifier (螺丝 → screws
//   before 螺丝刀 sets), as an accessory's target (手机 → phones before 手机壳 适用手机) or
//   stuffed into a lamp's title (led灯泡 → bulbs before 吸顶灯);
// - the predicted category is the one the product word names, not the majority of titles
//   that mention it;
// - a query of cue words only (定制) keeps them as text: offers that say 定制 come first,
//   under the intent the word implies; with no such offer it browses under that intent;
// - a one-character query (盒) puts boxes before 盒装 goods.
import Foundation
import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanEngine

@Suite struct ProductFirstTests {
    static let offers: [Offer] = [
        Fixtures.offer("driver1", title: "螺丝刀套装 十字一字 多功能 家用", category: ["五金工具", "手动工具", "螺丝刀"]),
        Fixtures.offer("driver2", title: "精密螺丝刀 手机维修 螺丝批", category: ["五金工具", "手动工具", "螺丝刀"]),
        Fixtures.offer("driver3", title: "电动螺丝刀 充电式 螺丝起子", category: ["五金工具", "电动工具", "电动螺丝刀"]),
        Fixtures.offer("screw1", title: "304不锈钢 十字 螺丝 m6", category: ["五金工具", "紧固件", "螺丝"]),
        Fixtures.offer("screw2", title: "自攻螺丝 镀锌 螺丝 批发", category: ["五金工具", "紧固件", "螺丝"]),
        Fixtures.offer("case1", title: "手机壳 适用苹果15 透明 防摔", category: ["数码配件", "手机配件", "手机壳"]),
        Fixtures.offer("case2", title: "硅胶保护套 适用手机 男女款", category: ["数码配件", "手机配件", "手机壳"]),
        Fixtures.offer("case3", title: "手机支架 桌面 手机专用", category: ["数码配件", "手机配件", "手机支架"]),
        Fixtures.offer("phone", title: "老人手机 大字大声 超长待机", category: ["手机数码", "手机", "手机"]),
        Fixtures.offer("lamp1", title: "吸顶灯 客厅 卧室 led灯泡", category: ["灯饰照明", "灯具", "吸顶灯"]),
        Fixtures.offer("lamp2", title: "台灯 学习 护眼 led灯泡", category: ["灯饰照明", "灯具", "台灯"]),
        Fixtures.offer("lamp3", title: "落地灯 北欧 led灯泡", category: ["灯饰照明", "灯具", "落地灯"]),
        Fixtures.offer("bulb", title: "led灯泡 e27螺口 球泡灯", category: ["灯饰照明", "光源", "led灯泡"]),
        Fixtures.offer("custom1", title: "帆布袋 来图定制 印logo", category: ["箱包", "购物袋", "帆布袋"]),
        Fixtures.offer("custom2", title: "保温杯 支持定制 刻字", category: ["厨房餐饮", "杯壶", "保温杯"]),
        Fixtures.offer("plain", title: "空气炸锅 家用 大容量", category: ["家用电器", "厨房电器", "空气炸锅"]),
        Fixtures.offer("box", title: "透明收纳盒 桌面 整理盒", category: ["家居日用", "收纳", "收纳盒"]),
        Fixtures.offer("boxed1", title: "曲奇饼干 盒装 零食", category: ["食品", "饼干", "曲奇"]),
        Fixtures.offer("boxed2", title: "月饼 礼盒装 中秋", category: ["食品", "糕点", "月饼"]),
    ]
    static let dir = TemporaryDirectory("product-first")
    static let search = Fixtures.search(try! Fixtures.index(offers, in: dir))

    func ids(_ q: String) throws -> [String] { try Self.search.search(SearchRequest(q: q), profiles: Fixtures.profiles).hits.map(\.id) }

    /// Every id of `first` comes before every id of `then`.
    func before(_ list: [String], _ first: Set<String>, _ then: Set<String>) -> Bool {
        let a = list.indices.filter { first.contains(list[$0]) }.max() ?? -1
        let b = list.indices.filter { then.contains(list[$0]) }.min() ?? Int.max
        return a < b
    }

    @Test func theProductBeforeWhatItModifies() throws {
        let screws = try ids("螺丝")
        #expect(before(screws, ["screw1", "screw2"], ["driver1", "driver2", "driver3"]), "\(screws)")
    }

    @Test func thePhoneBeforeWhatFitsIt() throws {
        let phones = try ids("手机")
        #expect(phones.first == "phone", "\(phones)")
        #expect(before(phones, ["phone"], ["case1", "case2", "case3"]))
    }

    @Test func theBulbBeforeLampsThatMentionIt() throws {
        let r = try Self.search.search(SearchRequest(q: "led灯泡"), profiles: Fixtures.profiles)
        #expect(r.hits.first?.id == "bulb", "\(r.hits.map(\.id))")
        #expect(r.query.categories.first?.category == "灯饰照明>光源>led灯泡", "\(r.query.categories)")
    }

    @Test func cueWordsAloneStayTheText() throws {
        let r = try Self.search.search(SearchRequest(q: "定制"), profiles: Fixtures.profiles)
        #expect(r.intent == .customization)
        #expect(Set(r.hits.map(\.id)) == ["custom1", "custom2"], "\(r.hits.map(\.id))")
        // No offer says 小批量: the intent still ranks the whole catalog.
        let browse = try Self.search.search(SearchRequest(q: "小批量"), profiles: Fixtures.profiles)
        #expect(browse.intent == .smallBatch && browse.total == 19, "\(browse.total)")
    }

    @Test func aOneCharacterQueryWantsTheThingItself() throws {
        let boxes = try ids("盒")
        #expect(boxes.first == "box", "\(boxes)")
    }
}
