import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanText

/// Builds judged query sets for a generated catalog from its ground truth, by
/// the rules in `Corpora/judgments/RULES.md`:
///
/// - grade 3: the offer is the query's product type and has every attribute
///   value the query names (雪纺连衣裙 → a dress whose 材质 is 雪纺);
/// - grade 2: the same product type;
/// - grade 1: another product type of the same leaf category;
/// - grade 0 (not listed): everything else.
///
/// Queries are written the way buyers type them: a product word or one of its
/// aliases, often with an attribute value, an intent cue (批发, 定制logo,
/// 一件代发, 小批量, a quantity) or a sales channel. They rotate over product
/// types so every type and every intent is covered.
public enum JudgmentGenerator {
    public struct Output: Sendable {
        public var queries: [JudgedQuery]
        public var qrels: Qrels
        /// Queries assigned to the training half (alternating within each query template).
        public var train: Set<String> = []
    }

    static let cues: [(BuyerIntent, [String])] = [
        (.bulkWholesale, ["批发", "工厂直销", "源头工厂"]),
        (.customization, ["定制logo", "来图定制", "贴牌"]),
        (.newProductTesting, ["一件代发", "代发"]),
        (.smallBatch, ["小批量", "少量"]),
    ]

    /// `maxPerGrade` keeps at most that many judgments of each grade per query
    /// (a deterministic sample; for large catalogs, where a category holds tens
    /// of thousands of offers).
    public static func generate(offers: [Offer], truth: [String: String], count: Int, seed: UInt64, maxPerGrade: Int? = nil) -> Output {
        var rng = SeededRandom(seed: seed)
        let byCategory = Dictionary(grouping: offers, by: { $0.category.joined(separator: ">") })
        let types = Taxonomy.productTypes.filter { t in offers.contains { truth[$0.id] == t.key } }
        var queries: [JudgedQuery] = []
        var qrels = Qrels()
        var seen = Set<String>()
        var perTemplate = [Int](repeating: 0, count: 6)
        var train = Set<String>()
        var attempt = 0
        while queries.count < count, attempt < count * 20 {
            let type = types[attempt % types.count]
            let template = (attempt / types.count + attempt) % 6
            attempt += 1
            let word = rng.chance(0.7) || type.aliases.isEmpty ? type.name : rng.pick(type.aliases)
            var required: [String: String] = [:]
            var text = word
            var q = JudgedQuery(qid: "", query: "")
            func withAttribute() {
                let (name, values) = rng.pick(type.attributes)
                let value = rng.pick(values)
                required[name] = value
                text = rng.chance(0.5) ? value + word : "\(word) \(value)"
            }
            switch template {
            case 0: break
            case 1: withAttribute()
            case 2:
                let (intent, words) = rng.pick(cues)
                text = "\(word) \(rng.pick(words))"
                q.intent = intent
            case 3:
                withAttribute()
                q.intent = rng.pick(BuyerIntent.allCases)
                q.qty =
                    switch q.intent! {
                    case .newProductTesting: 1 + Int(rng.next() % 2)
                    case .smallBatch: [20, 30, 50, 100][Int(rng.next() % 4)]
                    case .bulkWholesale: [500, 1000, 2000, 5000][Int(rng.next() % 4)]
                    case .customization: [300, 500, 1000, 3000][Int(rng.next() % 4)]
                    }
            case 4:
                let n = [500, 1000, 2000][Int(rng.next() % 3)]
                text = "\(word) \(n)\(["个", "件"][Int(rng.next() % 2)])"
                q.intent = .bulkWholesale
                q.qty = n
            default:
                if rng.chance(0.5) { withAttribute() }
                q.channel = rng.pick(["taobao", "pinduoduo"])
            }
            guard seen.insert("\(text)|\(q.intent?.rawValue ?? "")|\(q.channel ?? "")").inserted else { continue }
            var grades: [String: Int] = [:]
            for offer in byCategory[type.category.joined(separator: ">")] ?? [] {
                let sameType = truth[offer.id] == type.key
                let hasAttributes = required.allSatisfy { offer.attributes[$0.key] == $0.value }
                grades[offer.id] = sameType ? (hasAttributes ? 3 : 2) : 1
            }
            guard grades.values.contains(3) else { continue }
            q.qid = String(format: "q%03d", queries.count + 1)
            if let cap = maxPerGrade {
                func key(_ id: String) -> UInt64 { FNV1a.hash(q.qid + id) }
                var kept: [String: Int] = [:]
                for g in 1...3 {
                    for id in grades.filter({ $0.value == g }).keys.sorted(by: { key($0) < key($1) }).prefix(cap) { kept[id] = g }
                }
                grades = kept
            }
            q.query = text
            if perTemplate[template] % 2 == 0 { train.insert(q.qid) }
            perTemplate[template] += 1
            queries.append(q)
            qrels.grades[q.qid] = grades
        }
        return Output(queries: queries, qrels: qrels, train: train)
    }

    /// The training and test halves: every kind of query in both.
    public static func split(_ out: Output) -> (train: Output, test: Output) {
        var train = Output(queries: [], qrels: Qrels()), test = Output(queries: [], qrels: Qrels())
        for q in out.queries {
            if out.train.contains(q.qid) {
                train.queries.append(q)
                train.qrels.grades[q.qid] = out.qrels.grades[q.qid]
            } else {
                test.queries.append(q)
                test.qrels.grades[q.qid] = out.qrels.grades[q.qid]
            }
        }
        return (train, test)
    }
}
