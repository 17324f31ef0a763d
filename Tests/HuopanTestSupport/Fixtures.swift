// Test support: real parts only. Indexes are real Xapian databases in
// temporary directories; the analyzer is real ICU with the committed lexicon.
import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

/// A directory removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "huopan") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> URL { url.appendingPathComponent(name) }
}

public enum Fixtures {
    /// The repository root (found from this file, so tests run from anywhere).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let corpora = repository.appendingPathComponent("Corpora")
    /// ../shared/data, when present.
    public static let sharedData = repository.deletingLastPathComponent().appendingPathComponent("shared/data")

    public static let lexicon: Lexicon = try! Analyzer.loadLexicon(directory: corpora.appendingPathComponent("lexicon"))

    public static func analyzer() -> Analyzer { try! Analyzer(lexicon: lexicon) }

    public static let synonyms = corpora.appendingPathComponent("synonyms.txt")
    /// The committed taxonomy the generator builds worlds from.
    public static let taxonomy: Taxonomy = try! Taxonomy.load(corpora.appendingPathComponent("taxonomy"))

    /// A generator of the committed world.
    public static func generator(offers: Int, seed: UInt64) -> CorpusGenerator {
        CorpusGenerator(offers: offers, seed: seed, taxonomy: taxonomy)
    }
    /// The committed profiles.
    public static let profiles: ProfileSet = try! ProfileSet.load(directory: corpora.appendingPathComponent("profiles"))
    /// The day the tests take as today: the generator's date, so freshness is fixed.
    public static let today = Offer.epochDay(of: "2026-11-20")!

    /// Query understanding over `index` with the committed lexicon and synonyms.
    public static func understanding(_ index: OfferIndex, expansion: Bool = true) -> QueryUnderstanding {
        try! QueryUnderstanding(index: index, lexicon: lexicon, synonyms: synonyms, expansion: expansion)
    }

    /// Offer search over `index`, "today" fixed.
    public static func search(_ index: OfferIndex, expansion: Bool = true) -> OfferSearch {
        OfferSearch(index: index, planner: SearchPlanner(understanding: understanding(index, expansion: expansion), today: { today }))
    }

    /// Factory search over `index`, "today" fixed.
    public static func supplierSearch(_ index: OfferIndex) -> SupplierSearch {
        SupplierSearch(index: index, planner: SearchPlanner(understanding: understanding(index), today: { today }))
    }

    /// The engine configuration of the repository's corpora over an index directory.
    public static func engineConfiguration(index root: URL) -> EngineConfiguration {
        EngineConfiguration(
            index: .local(root), lexiconDirectory: corpora.appendingPathComponent("lexicon"), synonymsFile: synonyms,
            profilesDirectory: corpora.appendingPathComponent("profiles"))
    }

    /// A valid offer with plausible defaults; override what a test is about.
    public static func offer(
        _ id: String, title: String, category: [String] = ["家居日用", "杯壶"], supplier: String = "sup-1",
        kind: SupplierKind = .factory, region: String = "义乌", province: String = "浙江", belt: String = "义乌小商品",
        years: Int = 5, tiers: [(Int, Double)] = [(1, 10)], moq: Int = 1, dropship: Bool = false,
        customization: [Customization] = [], capacity: Int = 10_000, listedAt: String = "2026-10-01",
        attributes: [String: String] = [:],
        stats: OfferStats = OfferStats(
            sales30d: 100, buyers30d: 20, repurchaseRate: 0.2,
            rating: 4.6, reviews: 10, ship72hRate: 0.9, replyRate: 0.9,
            replyMinutes: 10, disputeRate: 0.01, returnRate: 0.02)
    ) -> Offer {
        Offer(
            id: id, title: title, category: category, attributes: attributes,
            supplier: Supplier(
                id: supplier, name: "供应商\(supplier)", kind: kind, province: province, region: region, belt: belt, years: years),
            priceTiers: tiers.map { PriceTier(minQty: $0.0, unitPrice: $0.1) }, moq: moq, dropship: dropship,
            customization: customization, monthlyCapacity: capacity, listedAt: listedAt, stats: stats)
    }

    public static func jsonl(_ offers: [Offer]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for o in offers {
            data.append(try! encoder.encode(o))
            data.append(0x0A)
        }
        return data
    }

    /// Builds a real index from `offers` in `directory` and opens it.
    public static func index(_ offers: [Offer], in directory: TemporaryDirectory, shards: Int = 1, workers: Int = 2) throws -> OfferIndex {
        let root = directory.path("index")
        let builder = IndexBuilder(layout: IndexLayout(root: root), lexicon: lexicon, workers: workers, shards: shards)
        _ = try builder.build(data: jsonl(offers), source: "test")
        return try OfferIndex(root: root)
    }

    /// A generated catalog indexed once per test process (shared, read-only).
    public static let generated: GeneratedIndex = try! GeneratedIndex(offers: 3_000, seed: 11)
}

/// A generated catalog with its ground truth and an index over it.
public final class GeneratedIndex: Sendable {
    public let directory: TemporaryDirectory
    public let offers: [Offer]
    public let truth: [String: String]
    public let index: OfferIndex

    init(offers count: Int, seed: UInt64) throws {
        directory = TemporaryDirectory("generated")
        let generator = Fixtures.generator(offers: count, seed: seed)
        var offers: [Offer] = []
        var truth: [String: String] = [:]
        for i in 0..<count {
            let (o, t) = generator.offer(i)
            offers.append(o)
            truth[t.id] = t.productType
        }
        self.offers = offers
        self.truth = truth
        index = try Fixtures.index(offers, in: directory)
    }
}
