import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanCatalog
@testable import HuopanCorpus

@Suite struct CorpusGeneratorTests {
    @Test func sameSeedSameCatalogDifferentSeedDifferent() {
        let a = Fixtures.generator(offers: 200, seed: 5)
        let b = Fixtures.generator(offers: 200, seed: 5)
        let c = Fixtures.generator(offers: 200, seed: 6)
        #expect((0..<200).map { a.offer($0).0 } == (0..<200).map { b.offer($0).0 })
        #expect((0..<200).map { a.offer($0).0.title } != (0..<200).map { c.offer($0).0.title })
    }

    @Test func everyGeneratedOfferIsValidAndTruthful() {
        let g = Fixtures.generator(offers: 2_000, seed: 9)
        var categories = Set<String>()
        for i in 0..<2_000 {
            let (offer, truth) = g.offer(i)
            #expect(offer.validate().isEmpty, "\(offer.id): \(offer.validate())")
            let type = Fixtures.taxonomy.productType(truth.productType)
            #expect(type?.category == offer.category)
            categories.insert(offer.category.joined(separator: ">"))
        }
        #expect(categories.count >= 20)
    }

    /// The analyzer reads every product word of the lexicon file as a product word (its
    /// normalised form is the one written).
    @Test func lexiconKeepsEveryProductWordWhole() {
        let analyzer = Fixtures.analyzer()
        for word in LexiconWords.products(of: Fixtures.taxonomy) {
            let normalized = try! analyzer.normalize(word)
            #expect(Fixtures.lexicon.tags(of: normalized).contains(.product), "\(word) (\(normalized)) is not a product word")
        }
    }

    static func gini(_ xs: [Int]) -> Double {
        let s = xs.sorted().map(Double.init)
        let n = Double(s.count), total = s.reduce(0, +)
        return s.enumerated().reduce(0.0) { $0 + (2 * Double($1.offset + 1) - n - 1) * $1.element } / (n * total)
    }

    /// Supply and demand are skewed as on 1688: supplier sizes near Gini 0.5 with the largest
    /// 1% holding a tenth or more of the offers; sales far more concentrated.
    @Test func skewedSupplyAndDemand() {
        let g = Fixtures.generator(offers: 30_000, seed: 3)
        let offers = (0..<30_000).map { g.offer($0).0 }
        var perSupplier: [String: Int] = [:]
        for o in offers { perSupplier[o.supplier.id, default: 0] += 1 }
        let sizes = perSupplier.values.sorted(by: >)
        let gini = Self.gini(Array(sizes))
        #expect(gini > 0.4 && gini < 0.7, "supplier Gini \(gini)")
        let top = Double(sizes.prefix(max(1, sizes.count / 100)).reduce(0, +)) / Double(offers.count)
        #expect(top > 0.08 && top < 0.3, "top 1% of suppliers hold \(top)")
        let sales = offers.map(\.stats.sales30d).sorted(by: >)
        let topSales = Double(sales.prefix(sales.count / 100).reduce(0, +)) / Double(max(1, sales.reduce(0, +)))
        #expect(topSales > 0.2, "top 1% of offers have \(topSales) of the sales")
        #expect(offers.contains { $0.supplier.years == 0 })
        // Every industry has offers.
        #expect(Set(offers.map { $0.category[0] }).count == Fixtures.taxonomy.industries.count)
    }

    /// Titles are the seller's: within the length limit, naming the product or an alias, and
    /// accessories often naming what they are for.
    @Test func titlesNameTheirProduct() {
        let g = Fixtures.generator(offers: 5_000, seed: 4)
        var accessories = 0, namingHost = 0
        for i in 0..<5_000 {
            let (offer, truth) = g.offer(i)
            let type = Fixtures.taxonomy.productType(truth.productType)!
            #expect(offer.title.count <= 60)
            #expect(type.productWords.contains { offer.title.contains($0) }, "\(offer.title) is a \(type.name)")
            if type.isAccessory {
                accessories += 1
                if type.of.contains(where: { offer.title.contains($0) }) { namingHost += 1 }
            }
        }
        #expect(accessories > 100 && Double(namingHost) / Double(accessories) > 0.5)
    }

    @Test func writesJSONLAndTruth() throws {
        let dir = TemporaryDirectory()
        try Fixtures.generator(offers: 12_000, seed: 1).write(catalog: dir.path("o.jsonl"), truth: dir.path("t.tsv"))
        let (offers, rejected) = try CatalogReader().read(contentsOf: dir.path("o.jsonl"))
        #expect(offers.count == 12_000 && rejected.isEmpty)
        #expect(offers.map(\.id) == (0..<12_000).map { String(format: "ofr-%07d", $0) })
        #expect(try CorpusGenerator.readTruth(dir.path("t.tsv")).count == 12_000)
    }
}
