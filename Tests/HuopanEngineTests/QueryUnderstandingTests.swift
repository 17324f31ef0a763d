import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanEngine

@Suite struct QueryUnderstandingTests {
    static let data = Fixtures.generated
    static let search = Fixtures.search(data.index)
    static let profiles = Fixtures.profiles

    struct Row: Sendable, CustomTestStringConvertible {
        let query: String, units: [String], intent: String?, qty: Int?, filters: String
        var testDescription: String { query }
    }

    static let table: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("taobao-analysis.tsv")
        return try! String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                query: f[0], units: f[1].isEmpty ? [] : f[1].components(separatedBy: "|"), intent: f[2].isEmpty ? nil : f[2],
                qty: Int(f[3]), filters: f[4])
        }
    }()

    static func describe(_ f: OfferFilters) -> String {
        var parts: [String] = []
        if f.dropship != nil { parts.append("dropship=\(f.dropship!)") }
        if let v = f.minShip72h { parts.append("min_ship_72h=\(v)") }
        if !f.places.isEmpty { parts.append("place=\(f.places.joined(separator: ","))") }
        if let v = f.priceMax { parts.append("price_max=\(v.rounded() == v ? String(Int(v)) : String(v))") }
        if let v = f.priceMin { parts.append("price_min=\(v.rounded() == v ? String(Int(v)) : String(v))") }
        return parts.sorted().joined(separator: ";")
    }

    @Test func theTableHasEnoughRealQueries() { #expect(Self.table.count >= 100) }

    @Test(arguments: table)
    func taobaoQueriesAreReadAsExpected(row: Row) throws {
        let p = try Self.search.plan(SearchRequest(q: row.query), profiles: Self.profiles)
        #expect(p.query.analyzed.units == row.units)
        #expect(p.intent?.rawValue == row.intent)
        #expect(p.cues.qty == row.qty)
        #expect(Self.describe(p.filters) == row.filters)
    }

    @Test func synonymsMatchBelowTheBuyersOwnWord() throws {
        let dir = TemporaryDirectory()
        let search = Fixtures.search(
            try Fixtures.index(
                [
                    Fixtures.offer("own", title: "移动电源 大容量"),
                    Fixtures.offer("syn", title: "充电宝 大容量"),
                    Fixtures.offer("other", title: "数据线"),
                ], in: dir))
        let r = try search.search(SearchRequest(q: "移动电源"), profiles: Self.profiles)
        #expect(r.hits.map(\.id) == ["own", "syn"])
        #expect(r.query.alternatives["移动电源"] == ["充电宝"])
        #expect(search.understanding.vocabulary.synonyms.version == "2026-11-24.1")
    }

    /// T恤 is one unit whatever its case, and a phrase the buyer typed that is a word of a
    /// synonym group (短袖t恤) is one unit with the group's words: it finds every T-shirt
    /// strictly instead of relaxing to the few titles that say both 短袖 and t恤.
    @Test func latinChineseWordsAndSynonymPhrasesAreOneUnit() throws {
        let tee = try Self.search.plan(SearchRequest(q: "T恤"), profiles: Self.profiles)
        #expect(tee.units.units.map(\.text) == ["t恤"])
        #expect(tee.query.analyzed.alternatives["t恤"]?.contains("体恤") == true)
        let phrase = try Self.search.search(SearchRequest(q: "短袖t恤"), profiles: Self.profiles)
        #expect(phrase.query.units == ["短袖t恤"])
        #expect(phrase.query.alternatives["短袖t恤"]?.contains("t恤") == true)
        #expect(!phrase.query.relaxed)
        let plain = try Self.search.search(SearchRequest(q: "t恤"), profiles: Self.profiles)
        #expect(phrase.total == plain.total, "every T-shirt, as for t恤 itself")
    }

    @Test func pinyinAndInitialsFindTheChineseWord() throws {
        for q in ["lianyiqun", "lyq", "baowenbei", "bwb"] {
            let r = try Self.search.search(SearchRequest(q: q, size: 5), profiles: Self.profiles)
            #expect(r.total > 0, "\(q)")
            #expect(r.hits.allSatisfy { $0.title.contains(q.hasPrefix("l") ? "连衣裙" : "保温杯") || $0.title.contains("焖烧杯") }, "\(q)")
        }
        // Latin model numbers stay Latin.
        #expect(try Self.search.plan(SearchRequest(q: "hp901"), profiles: Self.profiles).query.analyzed.alternatives.isEmpty)
    }

    @Test func unitsMatchInEitherSpelling() throws {
        #expect(UnitNormalizer.canonical("500毫升") == "500ml")
        #expect(UnitNormalizer.canonical("1.2米") == "120cm")
        #expect(UnitNormalizer.canonical("1.5升") == "1500ml")
        #expect(UnitNormalizer.canonical("2公斤") == "2000g")
        #expect(UnitNormalizer.canonical("20000毫安") == "20000mah")
        #expect(UnitNormalizer.canonical("500ml") == nil)
        #expect(UnitNormalizer.canonical("36码") == nil)
        let dir = TemporaryDirectory()
        let search = Fixtures.search(
            try Fixtures.index(
                [
                    Fixtures.offer("a", title: "保温杯 500毫升"), Fixtures.offer("b", title: "保温杯 500ml"),
                    Fixtures.offer("c", title: "数据线 1.2米"), Fixtures.offer("d", title: "数据线 120cm"),
                    Fixtures.offer("e", title: "数据线 2米"),
                ], in: dir))
        #expect(Set(try search.search(SearchRequest(q: "500ml 保温杯"), profiles: Self.profiles).hits.map(\.id)) == ["a", "b"])
        #expect(Set(try search.search(SearchRequest(q: "500毫升 保温杯"), profiles: Self.profiles).hits.map(\.id)) == ["a", "b"])
        #expect(
            Set(try search.search(SearchRequest(q: "120cm 数据线"), profiles: Self.profiles).hits.filter { $0.tier == 0 }.map(\.id)) == [
                "c", "d",
            ])
        #expect(Set(try search.search(SearchRequest(q: "HWY14 186BKU1"), profiles: Self.profiles).hits.map(\.id)).isEmpty)
    }

    @Test func relaxationIsReportedAndNeverLeavesAnswerableQueriesEmpty() throws {
        let r = try Self.search.search(SearchRequest(q: "连衣裙 紫砂翡翠"), profiles: Self.profiles)
        #expect(r.total > 0 && r.query.relaxed && Set(r.query.dropped) == ["紫砂", "翡翠"])
        // Nothing specific left after dropping: no answer rather than noise.
        let noise = try Self.search.search(SearchRequest(q: "工厂 qqzzxx"), profiles: Self.profiles)
        #expect(noise.total == 0)
    }

    @Test func predictedCategoriesComeFromTheBestMatches() throws {
        let dir = TemporaryDirectory()
        let cups = (0..<5).map { Fixtures.offer("cup\($0)", title: "不锈钢保温杯 \($0)", category: ["厨房餐饮", "杯壶", "保温杯"]) }
        let pots = (0..<2).map { Fixtures.offer("pot\($0)", title: "保温壶 保温杯 水壶 \($0)", category: ["厨房餐饮", "杯壶", "保温壶"]) }
        let search = Fixtures.search(try Fixtures.index(cups + pots, in: dir))
        let r = try search.search(SearchRequest(q: "保温杯"), profiles: Self.profiles)
        #expect(r.query.categories.map(\.category) == ["厨房餐饮>杯壶>保温杯", "厨房餐饮>杯壶>保温壶"])
        #expect(abs(r.query.categories.map(\.share).reduce(0, +) - 1) < 0.0001)
    }

    @Test func suggestionsByPrefixPinyinAndInitials() throws {
        let u = Self.search.understanding
        func texts(_ p: String) throws -> [String] { try u.suggest(p, limit: 5).map(\.text) }
        #expect(try texts("连衣").contains("连衣裙"))
        #expect(try texts("lianyi").contains("连衣裙"))
        #expect(try texts("lyq").contains("连衣裙"))
        #expect(try texts("保温").contains("保温杯"))
        #expect(try texts("").isEmpty)
        let counts = try u.suggest("b", limit: 10).map(\.offers)
        #expect(counts == counts.sorted(by: >))
    }
}
