import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanText

/// Builds judged query sets for a generated catalog from its ground truth, by the rules in
/// `Corpora/judgments/RULES.md`. A query names a product word; the product types it means
/// are those whose canonical word or alias it is.
///
/// - grade 3: the offer is one of the query's product types and has every attribute value
///   the query names (雪纺连衣裙 → a dress whose 材质 is 雪纺);
/// - grade 2: one of the query's product types without a named value;
/// - grade 1: another product of the same sub-category (a 焖烧杯 for 保温杯), unless it is
///   an accessory or part of the query's product;
/// - grade 0 (not listed): everything else, and always an accessory, part, tool or
///   consumable *of* the product (a phone case for 手机, a screwdriver for 螺丝), however
///   many of the query's words its title repeats.
///
/// Queries are written the way buyers type them: a product word or alias, often with an
/// attribute value, an audience word, an intent cue (批发, 定制logo, 一件代发, 小批量, a
/// quantity) or a sales channel. A share of queries names a product that accessories are
/// made for (手机, 螺丝, 台灯), where titles of accessories repeat the word. Types rotate,
/// so every industry is covered.
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
    static let templates = 8

    /// `minOffers`: a type is queried only when the catalog has that many of its offers.
    /// `maxPerGrade` keeps at most that many judgments of each grade per query (a
    /// deterministic sample, for large catalogs).
    public static func generate(
        offers: [Offer], truth: [String: String], taxonomy: Taxonomy, count: Int, seed: UInt64,
        minOffers: Int = 3, maxPerGrade: Int? = nil
    ) -> Output {
        var rng = SeededRandom(seed: seed)
        var offersByType: [String: [Offer]] = [:]
        var offersBySub: [String: [Offer]] = [:]
        for o in offers {
            guard let key = truth[o.id] else { continue }
            offersByType[key, default: []].append(o)
            offersBySub[o.category.prefix(2).joined(separator: ">"), default: []].append(o)
        }
        // Types by the words that name them (an alias may name several types).
        var typesByWord: [String: Set<String>] = [:]
        for t in taxonomy.productTypes { for w in t.productWords { typesByWord[w, default: []].insert(t.key) } }
        let hosts = Set(taxonomy.productTypes.flatMap(\.of))
        var candidates = taxonomy.productTypes.filter { (offersByType[$0.key]?.count ?? 0) >= minOffers }
        candidates.shuffle(using: &rng)
        // Products that accessories are made for come first in every round.
        candidates.sort { hosts.contains($0.name) && !hosts.contains($1.name) }
        guard !candidates.isEmpty else { return Output(queries: [], qrels: Qrels()) }

        var queries: [JudgedQuery] = []
        var qrels = Qrels()
        var seen = Set<String>()
        var perTemplate = [Int](repeating: 0, count: templates)
        var train = Set<String>()
        var attempt = 0
        while queries.count < count, attempt < count * 20 {
            let type = candidates[attempt % candidates.count]
            let template = (attempt / candidates.count + attempt) % templates
            attempt += 1
            let word = rng.chance(0.7) || type.aliases.isEmpty ? type.name : rng.pick(type.aliases)
            var required: [String: String] = [:]
            var text = word
            var q = JudgedQuery(qid: "", query: "")
            func withAttribute() {
                guard let attribute = type.attributes.isEmpty ? nil : rng.pick(type.attributes) else { return }
                let value = rng.pick(attribute.values)
                required[attribute.name] = value
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
                q.intent = rng.pick(type.intents)
                q.qty =
                    switch q.intent! {
                    case .newProductTesting: 1 + Int(rng.next() % 2)
                    case .smallBatch: [20, 30, 50, 100][Int(rng.next() % 4)]
                    case .bulkWholesale: [500, 1000, 2000, 5000][Int(rng.next() % 4)]
                    case .customization: [300, 500, 1000, 3000][Int(rng.next() % 4)]
                    }
            case 4:
                let n = [500, 1000, 2000][Int(rng.next() % 3)]
                text = "\(word) \(n)\(type.unit)"
                q.intent = .bulkWholesale
                q.qty = n
            case 5:
                if !type.audiences.isEmpty { text = rng.pick(type.audiences) + word }
            case 6:
                withAttribute()
                let others = type.attributes.filter { required[$0.name] == nil }
                if rng.chance(0.5), !others.isEmpty {
                    let a = rng.pick(others)
                    let v = rng.pick(a.values)
                    required[a.name] = v
                    text += " \(v)"
                }
            default:
                if rng.chance(0.5) { withAttribute() }
                q.channel = rng.pick(["taobao", "pinduoduo", "douyin"])
            }
            guard seen.insert("\(text)|\(q.intent?.rawValue ?? "")|\(q.channel ?? "")").inserted else { continue }
            let meant = typesByWord[word] ?? [type.key]
            var grades: [String: Int] = [:]
            for key in meant {
                for offer in offersByType[key] ?? [] {
                    grades[offer.id] = required.allSatisfy { offer.attributes[$0.key] == $0.value } ? 3 : 2
                }
            }
            // Every word for the product meant, aliases included: an accessory of any of them is no sibling.
            let productWords = Set(meant.compactMap(taxonomy.productType).flatMap(\.productWords))
            for offer in offersBySub[type.category.prefix(2).joined(separator: ">")] ?? [] where grades[offer.id] == nil {
                guard let t = truth[offer.id].flatMap(taxonomy.productType), !t.of.contains(where: productWords.contains) else { continue }
                grades[offer.id] = 1
            }
            guard grades.values.contains(3) else { continue }
            q.qid = String(format: "q%04d", queries.count + 1)
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
