import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanText

/// Intent inference by the cue reader on real Taobao queries with wholesale cues around
/// them, as buyers type them on the marketplace.
@Suite struct IntentInferenceTests {
    static let reader = QueryCueReader(lexicon: Fixtures.lexicon)

    static let table: [(String, BuyerIntent?, Int?, String)] = [
        ("减速器链条 批发", .bulkWholesale, nil, "减速器链条"),
        ("tasco望远镜 500个", .bulkWholesale, 500, "tasco望远镜"),
        ("焦糖色美背薄款 一件代发", .newProductTesting, nil, "焦糖色美背薄款"),
        ("灌香肠红曲米 小批量", .smallBatch, nil, "灌香肠红曲米"),
        ("统机手表壳 来图定制", .customization, nil, "统机手表壳"),
        ("手机壳贴牌 3000个", .customization, 3000, "手机壳"),
        ("工厂直销 瑜伽垫", .bulkWholesale, nil, "瑜伽垫"),
        ("帆布袋 印logo 1000件", .customization, 1000, "帆布袋"),
        ("连衣裙 30件", .smallBatch, 30, "连衣裙"),
        ("连衣裙", nil, nil, "连衣裙"),
    ]

    @Test func inferredFromQueryCues() throws {
        let analyzer = Fixtures.analyzer()
        for (q, intent, qty, text) in Self.table {
            let cues = Self.reader.read(try analyzer.normalize(q))
            #expect(cues.intent == intent, "\(q)")
            #expect(cues.qty == qty, "\(q)")
            #expect(cues.text == text, "\(q)")
        }
        // Two quantities: the first one counts, in every process (not a dictionary's order).
        #expect(Self.reader.read("保温杯 2箱 500个").qty == 100)
        #expect(Self.reader.read("保温杯 500个 2箱").qty == 500)
    }

    /// Plain Taobao queries carry no wholesale cue: nothing is inferred from them,
    /// and the words are kept (no query loses its text to a false cue).
    @Test func plainTaobaoQueriesStayPlain() throws {
        // The first 2,000 of the 100,000 real Taobao queries, shipped beside this test.
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("taobao-queries-sample.tsv")
        let text = try String(contentsOf: file, encoding: .utf8)
        let reader = Self.reader
        let analyzer = Fixtures.analyzer()
        var inferred = 0
        let lines = text.split(whereSeparator: \.isNewline).prefix(2_000)
        #expect(lines.count == 2_000)
        for line in lines {
            let q = String(line.split(separator: "\t").last ?? "")
            let cues = reader.read(try analyzer.normalize(q))
            if cues.intent != nil { inferred += 1 }
            #expect(!cues.text.isEmpty || !cues.cues.isEmpty, "\(q) lost its text")
        }
        // Retail queries rarely carry wholesale cues.
        #expect(inferred < lines.count / 20)
    }
}
