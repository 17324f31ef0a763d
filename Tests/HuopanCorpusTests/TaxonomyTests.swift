// Properties checked:
// - the committed taxonomy is broad (≥ 1,500 leaf types in ≥ 25 industries, every industry
//   with types), its list references are resolved and its belts exist;
// - a broken file is refused with its file and line named (malformed JSON, an unknown
//   belt, a list that is not defined, a key used twice, a bad price range);
// - the lexicon's product words are the taxonomy's (what `huopan corpus lexicon` writes).
import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanCorpus

@Suite struct TaxonomyTests {
    @Test func theCommittedTaxonomyIsBroad() {
        let t = Fixtures.taxonomy
        #expect(t.productTypes.count >= 1_500)
        #expect(t.industries.count >= 25)
        #expect(t.industries.allSatisfy { !$0.types.isEmpty })
        #expect(t.productTypes.allSatisfy { !$0.attributes.isEmpty && $0.attributes.allSatisfy { !$0.values.isEmpty } })
        #expect(t.productTypes.allSatisfy { $0.category.count == 3 && $0.category[2] == $0.name })
        #expect(t.productTypes.allSatisfy { $0.belts.allSatisfy { t.belt($0) != nil } })
        #expect(t.productTypes.filter(\.isAccessory).count >= 100)
        #expect(!t.list("marketing_any").isEmpty && !t.list("marketing_factory").isEmpty)
    }

    static let validType =
        #"{"key": "cup", "name": "杯子", "sub": "杯壶", "attrs": {"颜色": "@colors"}, "price": [1, 5], "unit": "个", "moq": [1, 10], "capacity": [100, 1000], "intents": ["small_batch"], "belts": ["yiwu"]}"#

    func world(_ industryLines: [String]) throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("taxonomy")
        try #"{"key": "yiwu", "name": "义乌小商品", "province": "浙江", "region": "义乌", "aliases": ["义乌"]}"#.write(
            to: dir.path("belts.jsonl"), atomically: true, encoding: .utf8)
        try #"{"list": "colors", "values": ["红色", "白色"]}"#.write(to: dir.path("common.jsonl"), atomically: true, encoding: .utf8)
        try (industryLines.joined(separator: "\n") + "\n").write(to: dir.path("home.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    static let header = #"{"industry": "home", "name": "家居", "supplier_word": "日用品"}"#

    @Test func aSmallValidWorldLoads() throws {
        let dir = try world([Self.header, Self.validType])
        let t = try Taxonomy.load(dir.url)
        #expect(t.productTypes.map(\.key) == ["cup"])
        #expect(t.productType("cup")?.attribute("颜色")?.values == ["红色", "白色"])
        #expect(t.productType("cup")?.category == ["家居", "杯壶", "杯子"])
    }

    @Test(arguments: [
        ("{not json", "home.jsonl:2:"),
        (validType.replacingOccurrences(of: #""yiwu"]"#, with: #""nowhere"]"#), "home.jsonl:2: cup: belts: unknown belt \"nowhere\""),
        (validType.replacingOccurrences(of: "@colors", with: "@sizes"), "home.jsonl:2: cup: attrs.颜色: \"@sizes\" is not a defined list"),
        (validType.replacingOccurrences(of: "[1, 5]", with: "[5, 1]"), "home.jsonl:2: cup: price must be [low, high]"),
        (validType.replacingOccurrences(of: "small_batch", with: "bargains"), "home.jsonl:2: cup: intents: unknown intent \"bargains\""),
    ])
    func brokenLinesAreNamed(line: String, message: String) throws {
        let dir = try world([Self.header, line])
        let error = #expect(throws: TaxonomyError.self) { try Taxonomy.load(dir.url) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }

    @Test func aKeyUsedTwiceIsNamed() throws {
        let dir = try world([Self.header, Self.validType, Self.validType])
        let error = #expect(throws: TaxonomyError.self) { try Taxonomy.load(dir.url) }
        #expect(error?.description == "home.jsonl:3: key cup is used twice")
    }

    @Test func theLexiconHoldsEveryProductWordOfTheTaxonomy() throws {
        let text = try String(contentsOf: Fixtures.corpora.appendingPathComponent("lexicon/products.txt"), encoding: .utf8)
        let committed = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        #expect(committed == Set(LexiconWords.products(of: Fixtures.taxonomy)), "run `huopan corpus lexicon` after changing the taxonomy")
    }
}
