import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanCatalog
@testable import HuopanCorpus

@Suite struct CorpusGeneratorTests {
    @Test func sameSeedSameCatalogDifferentSeedDifferent() {
        let a = CorpusGenerator(offers: 200, seed: 5)
        let b = CorpusGenerator(offers: 200, seed: 5)
        let c = CorpusGenerator(offers: 200, seed: 6)
        #expect((0..<200).map { a.offer($0).0 } == (0..<200).map { b.offer($0).0 })
        #expect((0..<200).map { a.offer($0).0.title } != (0..<200).map { c.offer($0).0.title })
    }

    @Test func everyGeneratedOfferIsValidAndTruthful() {
        let g = CorpusGenerator(offers: 2_000, seed: 9)
        var categories = Set<String>()
        for i in 0..<2_000 {
            let (offer, truth) = g.offer(i)
            #expect(offer.validate().isEmpty, "\(offer.id): \(offer.validate())")
            let type = Taxonomy.productType(truth.productType)
            #expect(type?.category == offer.category)
            categories.insert(offer.category.joined(separator: ">"))
        }
        #expect(categories.count >= 20)
    }

    @Test func taxonomyReferencesRealBelts() {
        let keys = Set(Taxonomy.belts.map(\.key))
        for t in Taxonomy.productTypes { for b in t.belts { #expect(keys.contains(b), "\(t.key) → \(b)") } }
    }

    @Test func lexiconHasEveryProductWordOfTheTaxonomy() {
        for t in Taxonomy.productTypes {
            for word in [t.name] + t.aliases {
                let normalized = try! Fixtures.analyzer().normalize(word)
                #expect(Fixtures.lexicon.tags(of: normalized).contains(.product), "\(word) missing from products.txt")
            }
        }
    }

    @Test func heavyTailedSalesAndDominantSuppliers() {
        let g = CorpusGenerator(offers: 5_000, seed: 3)
        let offers = (0..<5_000).map { g.offer($0).0 }
        let sales = offers.map(\.stats.sales30d).sorted()
        #expect(sales[sales.count * 99 / 100] > 10 * max(1, sales[sales.count / 2]))
        var perSupplier: [String: Int] = [:]
        for o in offers { perSupplier[o.supplier.id, default: 0] += 1 }
        #expect((perSupplier.values.max() ?? 0) >= 3 * (offers.count / perSupplier.count))
    }

    @Test func writesJSONLAndTruth() throws {
        let dir = TemporaryDirectory()
        try CorpusGenerator(offers: 12_000, seed: 1).write(catalog: dir.path("o.jsonl"), truth: dir.path("t.tsv"))
        let (offers, rejected) = try CatalogReader().read(contentsOf: dir.path("o.jsonl"))
        #expect(offers.count == 12_000 && rejected.isEmpty)
        #expect(offers.map(\.id) == (0..<12_000).map { String(format: "ofr-%07d", $0) })
        #expect(try CorpusGenerator.readTruth(dir.path("t.tsv")).count == 12_000)
    }
}
