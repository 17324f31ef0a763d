import Foundation
import HuopanCatalog

/// A generated supplier before it is attached to offers.
public struct GeneratedSupplier: Sendable, Hashable {
    public var supplier: Supplier
    /// The sub-categories (`industry key/sub`) it sells.
    public var subs: [String]
    /// Latent service quality in 0...1 that its offers' service metrics follow.
    public var quality: Double
    /// Relative size: how many of its sub-categories' offers it carries. Pareto-distributed,
    /// so a few suppliers hold a large share of the catalog (大树), as on 1688.
    public var size: Double
}

/// The suppliers of a generated world and, for each sub-category, who sells it.
///
/// Sizes follow a Pareto law with tail index `alpha` (1.7: Gini of offers per supplier
/// about 0.5, the largest 1% holding about 15%); a supplier of under a year is smaller and
/// serves worse on average. Every sub-category has at least one supplier, and there are at
/// least three suppliers per sub-category overall.
struct SupplierPool: Sendable {
    static let alpha = 1.7
    let suppliers: [GeneratedSupplier]
    private let bySub: [String: (members: [Int], choice: WeightedChoice)]

    static let nameWords = [
        "佳诚", "鸿达", "恒信", "汇源", "永兴", "金穗", "瑞丰", "德盛", "宏图", "兴旺", "嘉禾", "华美",
        "新锐", "创优", "诚信", "和顺", "星辰", "悦享", "启航", "锦程", "优品", "尚品", "聚鑫", "万利",
        "天成", "博远", "盛世", "荣达", "美辰", "晨曦", "安泰", "众诚", "宏发", "金诺", "顺达", "利源",
        "鑫源", "嘉诚", "永盛", "昌隆", "广源", "恒达", "卓越", "远航", "华兴", "中联", "金鼎", "东升",
    ]
    static let stallBelts: Set<String> = ["shisanhang", "sijiqing", "humen", "yiwu", "huaqiangbei", "baigou", "shahe"]

    init(count: Int, taxonomy: Taxonomy, seed: UInt64) {
        // Sub-categories in a fixed order, each with the weight of its product types.
        var subs: [(key: String, industry: Industry, types: [ProductType])] = []
        for industry in taxonomy.industries {
            var seen: [String: Int] = [:]
            for t in industry.types.map({ taxonomy.productTypes[$0] }) {
                let key = "\(industry.key)/\(t.category[1])"
                if let i = seen[key] {
                    subs[i].types.append(t)
                } else {
                    seen[key] = subs.count
                    subs.append((key, industry, [t]))
                }
            }
        }
        let subChoice = WeightedChoice(subs.map { Double($0.types.count) })
        var list: [GeneratedSupplier] = []
        var members: [String: [Int]] = [:]
        // At least three suppliers a sub-category: a buyer has a choice even in a small catalog.
        for i in 0..<max(count, 3 * subs.count) {
            var rng = SeededRandom(seed: seed ^ 0x5EED_5EED ^ UInt64(i) &* 0x2545_F491_4F6C_DD1D)
            // The first suppliers cover every sub-category once; the rest follow its size.
            let home = i < subs.count ? i : subChoice.draw(&rng)
            let (subKey, industry, types) = subs[home]
            let primary = rng.pick(types)
            let belt = taxonomy.belt(rng.pick(primary.belts))!
            let roll = rng.unit()
            let kind: SupplierKind =
                roll < 0.45 ? .factory : roll < 0.8 || !Self.stallBelts.contains(belt.key) ? .tradingCompany : .marketStall
            // Trading companies and stalls sell neighbouring sub-categories of the industry too.
            var own = [subKey]
            let extra = kind == .factory ? (rng.chance(0.2) ? 1 : 0) : Int(rng.next() % 3)
            let siblings = subs.indices.filter { subs[$0].industry.key == industry.key && $0 != home }
            for _ in 0..<extra where !siblings.isEmpty {
                let s = subs[rng.pick(siblings)].key
                if !own.contains(s) { own.append(s) }
            }
            let years = rng.chance(0.12) ? 0 : 1 + Int(rng.unit() * rng.unit() * 15)
            var size = min(400, pow(1 - rng.unit(), -1 / Self.alpha))
            if years == 0 { size *= 0.3 }
            var quality = 0.78 + 0.12 * rng.normal() - (years == 0 ? 0.08 : 0)
            quality = min(0.99, max(0.2, quality))
            let word = rng.pick(Self.nameWords)
            let name: String
            switch kind {
            case .factory:
                name =
                    rng.chance(0.7)
                    ? "\(belt.region)市\(word)\(industry.supplierWord)有限公司" : "\(belt.region)\(word)\(industry.supplierWord)厂"
            case .tradingCompany:
                name = rng.chance(0.6) ? "\(belt.region)\(word)贸易有限公司" : "\(belt.region)市\(word)商行"
            case .marketStall:
                name = "\(belt.aliases.first ?? belt.region)\(word)\(industry.supplierWord)档口"
            }
            let supplier = Supplier(
                id: String(format: "sup-%06d", i), name: name, kind: kind, province: belt.province, region: belt.region,
                belt: belt.name, years: years)
            for s in own { members[s, default: []].append(list.count) }
            list.append(GeneratedSupplier(supplier: supplier, subs: own, quality: quality, size: size))
        }
        suppliers = list
        bySub = members.mapValues { ids in (ids, WeightedChoice(ids.map { list[$0].size })) }
    }

    /// A supplier of `type`'s sub-category, drawn by size.
    func supplier(for type: ProductType, _ rng: inout SeededRandom) -> GeneratedSupplier {
        guard let (members, choice) = bySub["\(type.industry)/\(type.category[1])"] else { return suppliers[0] }
        return suppliers[members[choice.draw(&rng)]]
    }
}
