import Foundation
import HuopanCatalog

/// The generator's knowledge of an offer: its product type. Together with the
/// offer's own attributes it is what graded judgments are derived from.
public struct OfferTruth: Codable, Sendable, Hashable {
    public var id: String
    public var productType: String
}

/// A generated supplier before it is attached to offers.
public struct GeneratedSupplier: Sendable, Hashable {
    public var supplier: Supplier
    public var productTypes: [String]
    /// Latent service quality in 0...1 that the offers' service metrics follow.
    public var quality: Double
}

/// Deterministic 1688-style catalog: offer i depends only on (seed, i), so the
/// catalog can be generated in parallel and any prefix is a smaller catalog.
public struct CorpusGenerator: Sendable {
    public let seed: UInt64
    public let offerCount: Int
    public let suppliers: [GeneratedSupplier]
    private let suppliersByType: [String: [Int]]
    /// Generation date; `listed_at` is counted back from it.
    public static let today = "2026-11-20"

    public init(offers: Int, seed: UInt64) {
        self.seed = seed
        offerCount = offers
        // At least eight suppliers per product type, so small catalogs still have competition.
        let supplierCount = max(8 * Taxonomy.productTypes.count, offers / 25)
        var byType: [String: [Int]] = [:]
        var list: [GeneratedSupplier] = []
        for i in 0..<supplierCount {
            let s = Self.makeSupplier(i, seed: seed)
            for t in s.productTypes { byType[t, default: []].append(i) }
            list.append(s)
        }
        suppliers = list
        suppliersByType = byType
    }

    static let nameWords = [
        "佳诚", "鸿达", "恒信", "汇源", "永兴", "金穗", "瑞丰", "德盛", "宏图", "兴旺", "嘉禾", "华美",
        "新锐", "创优", "诚信", "和顺", "星辰", "悦享", "启航", "锦程", "优品", "尚品", "聚鑫", "万利",
        "天成", "博远", "盛世", "荣达", "美辰", "晨曦", "安泰", "众诚",
    ]

    static func industryWord(_ top: String) -> String {
        switch top {
        case "女装", "男装", "童装": "服饰"
        case "鞋靴": "鞋业"
        case "箱包": "箱包"
        case "数码配件": "电子科技"
        case "家用电器": "电器"
        case "家居日用", "厨房用品": "日用品"
        case "家纺": "家纺"
        case "美妆个护": "化妆品"
        case "饰品": "饰品"
        case "玩具": "玩具"
        case "文具办公": "文具"
        case "运动户外": "体育用品"
        case "汽车用品": "汽车用品"
        case "宠物用品": "宠物用品"
        case "五金工具": "五金"
        case "包装印刷": "包装"
        case "灯饰照明": "照明"
        case "家具": "家具"
        case "食品": "食品"
        default: "商贸"
        }
    }

    static let stallBelts: Set<String> = ["shisanhang", "sijiqing", "humen", "yiwu", "huaqiangbei", "baigou"]

    static func makeSupplier(_ i: Int, seed: UInt64) -> GeneratedSupplier {
        var rng = SeededRandom(seed: seed ^ 0x5EED_5EED ^ UInt64(i) &* 0x2545_F491_4F6C_DD1D)
        let types = Taxonomy.productTypes
        let primary = types[i % types.count]
        var productTypes = [primary.key]
        if rng.chance(0.5) {
            let siblings = types.filter { $0.category[0] == primary.category[0] && $0.key != primary.key }
            if !siblings.isEmpty { productTypes.append(rng.pick(siblings).key) }
        }
        let belt = Taxonomy.belt(rng.pick(primary.belts))
        let roll = rng.unit()
        let kind: SupplierKind =
            roll < 0.45
            ? .factory
            : roll < 0.8 || !stallBelts.contains(belt.key) ? .tradingCompany : .marketStall
        let word = rng.pick(nameWords)
        let name: String
        switch kind {
        case .factory:
            name =
                rng.chance(0.7)
                ? "\(belt.region)市\(word)\(industryWord(primary.category[0]))有限公司"
                : "\(belt.region)\(word)\(industryWord(primary.category[0]))厂"
        case .tradingCompany:
            name = rng.chance(0.6) ? "\(belt.region)\(word)贸易有限公司" : "\(belt.region)市\(word)商行"
        case .marketStall:
            name = "\(belt.aliases.first ?? belt.region)\(word)\(industryWord(primary.category[0]))档口"
        }
        let years = rng.chance(0.15) ? Int(rng.next() % 2) : 1 + Int(rng.unit() * rng.unit() * 15)
        let quality = min(0.99, max(0.2, 0.78 + 0.13 * rng.normal()))
        let supplier = Supplier(
            id: String(format: "sup-%06d", i), name: name, kind: kind, province: belt.province,
            region: belt.region, belt: belt.name, years: years)
        return GeneratedSupplier(supplier: supplier, productTypes: productTypes, quality: quality)
    }

    static func round(_ x: Double, _ digits: Double) -> Double { (x * digits).rounded() / digits }

    static func modelNumber(_ pattern: String, _ rng: inout SeededRandom) -> String {
        String(
            pattern.map { c -> Character in
                c == "#" ? Character(String(rng.next() % 10)) : c
            })
    }

    /// Offer `i` and its ground truth.
    public func offer(_ i: Int) -> (Offer, OfferTruth) {
        var rng = SeededRandom(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15 ^ 0xC0FF_EE)
        let type = Taxonomy.productTypes[Int(rng.next() % UInt64(Taxonomy.productTypes.count))]
        let candidates = suppliersByType[type.key] ?? [0]
        // Heavy-tailed: the first suppliers of each type own most of its offers (大树).
        let g = suppliers[candidates[min(candidates.count - 1, Int(Double(candidates.count) * pow(rng.unit(), 2.5)))]]
        let kind = g.supplier.kind
        let q = g.quality

        var attributes: [String: String] = [:]
        for (name, values) in type.attributes { attributes[name] = rng.pick(values) }
        let brand: String? = !type.brands.isEmpty && rng.chance(0.35) ? rng.pick(type.brands) : nil
        let dropship = rng.chance(min(0.95, type.dropshippable * (kind == .factory ? 0.7 : kind == .marketStall ? 1.25 : 1.1)))
        var customization: [Customization] = []
        if rng.chance(min(0.95, type.customizable * (kind == .factory ? 1.4 : kind == .tradingCompany ? 0.7 : 0.25))) {
            for (option, p) in [(Customization.oem, 0.6), (.odm, 0.3), (.logo, 0.7), (.pattern, 0.4), (.packaging, 0.4)] where rng.chance(p)
            {
                customization.append(option)
            }
            if customization.isEmpty { customization = [.logo] }
        }

        // Title: stacked keywords in marketplace style.
        var words: [String] = []
        if rng.chance(0.6) { words.append(rng.pick(Taxonomy.prefixes)) }
        if let brand { words.append(brand) }
        for (name, _) in type.attributes where rng.chance(name == "颜色" ? 0.35 : 0.7) { words.append(attributes[name]!) }
        if !type.audiences.isEmpty, rng.chance(0.6) { words.append(rng.pick(type.audiences)) }
        let useAlias = !type.aliases.isEmpty && rng.chance(0.3)
        words.append(useAlias ? rng.pick(type.aliases) : type.name)
        if !type.aliases.isEmpty, rng.chance(0.35) { words.append(useAlias ? type.name : rng.pick(type.aliases)) }
        if rng.chance(0.15) {
            let related = Taxonomy.productTypes.filter { $0.category[0] == type.category[0] && $0.key != type.key }
            if !related.isEmpty { words.append(rng.pick(related).name) }
        }
        if let model = type.model, rng.chance(0.7) { words.append(Self.modelNumber(model, &rng)) }
        for _ in 0..<(1 + Int(rng.next() % 2)) {
            let s = rng.pick(Taxonomy.suffixes)
            if s == "一件代发" && !dropship { continue }
            if (s == "支持定制" || s == "可印logo") && customization.isEmpty { continue }
            if (s == "工厂直销" || s == "源头工厂") && kind != .factory { continue }
            if !words.contains(s) { words.append(s) }
        }
        let title = String((rng.chance(0.7) ? words.joined() : words.joined(separator: " ")).prefix(80))

        // Prices, MOQ and tiers.
        let logPrice = rng.uniform(log(type.price.lowerBound)...log(type.price.upperBound))
        let base = exp(logPrice) * (kind == .factory ? 0.9 : kind == .marketStall ? 1.05 : 1.0)
        let sortedMOQs = type.moqs.sorted()
        let moq: Int =
            switch kind {
            case .factory: sortedMOQs[min(sortedMOQs.count - 1, sortedMOQs.count / 2 + Int(rng.next() % 2))]
            case .marketStall: sortedMOQs[0]
            case .tradingCompany: rng.pick(Array(sortedMOQs.prefix(max(1, sortedMOQs.count - 1))))
            }
        var tiers = [PriceTier(minQty: moq, unitPrice: Self.round(max(0.01, base), 100))]
        let tierCount = 1 + Int(rng.next() % 4)
        for k in 1..<tierCount {
            let qty = moq * [1, 5, 20, 100, 500][min(k, 4)] * (1 + Int(rng.next() % 2))
            let price = Self.round(max(0.01, tiers.last!.unitPrice * rng.uniform(0.82...0.96)), 100)
            if qty > tiers.last!.minQty && price < tiers.last!.unitPrice { tiers.append(PriceTier(minQty: qty, unitPrice: price)) }
        }
        let capacity: Int =
            switch kind {
            case .factory: Int(exp(rng.uniform(log(10_000)...log(2_000_000))))
            case .tradingCompany: Int(exp(rng.uniform(log(2_000)...log(200_000))))
            case .marketStall: Int(exp(rng.uniform(log(500)...log(20_000))))
            }
        let ageDays = min(900, Int(-200 * log(max(rng.unit(), 1e-9))))
        let listed = Offer.epochDay(of: Self.today)! - ageDays

        // Behaviour: heavy-tailed sales; service follows the supplier's quality.
        var sales = rng.chance(0.08) ? 0 : Int(exp(2.6 + 1.7 * rng.normal() + 1.2 * (q - 0.78)))
        if ageDays < 14 { sales /= 4 }
        let buyers = sales == 0 ? 0 : max(1, Int(Double(sales) / rng.uniform(1.5...12)))
        let reviews = Int(Double(buyers) * rng.uniform(0.1...0.6))
        let rating = reviews == 0 ? 0 : Self.round(min(5, max(1, 3.6 + 1.3 * q + 0.25 * rng.normal())), 10)
        let clamp01 = { (x: Double) in min(1, max(0, x)) }
        let stats = OfferStats(
            sales30d: sales, buyers30d: buyers,
            repurchaseRate: Self.round(clamp01(0.05 + 0.3 * q + 0.08 * rng.normal()), 1000),
            rating: rating, reviews: reviews,
            ship72hRate: Self.round(
                clamp01(q + 0.06 * rng.normal() + (kind == .marketStall ? 0.05 : 0) - (customization.isEmpty ? 0 : 0.05)), 1000),
            replyRate: Self.round(clamp01(0.55 + 0.45 * q + 0.05 * rng.normal()), 1000),
            replyMinutes: Self.round(exp(log(5 + 120 * (1 - q)) + 0.5 * rng.normal()), 10),
            disputeRate: Self.round(clamp01((1 - q) * 0.04 + abs(0.005 * rng.normal())), 10000),
            returnRate: Self.round(clamp01((1 - q) * (type.category[0].hasSuffix("装") ? 0.2 : 0.1) + abs(0.02 * rng.normal())), 1000))

        let id = String(format: "ofr-%07d", i)
        let offer = Offer(
            id: id, title: title, category: type.category, attributes: attributes, brand: brand,
            supplier: g.supplier, priceTiers: tiers, moq: moq, dropship: dropship,
            customization: customization, monthlyCapacity: capacity,
            listedAt: Self.date(fromEpochDay: listed), stats: stats)
        return (offer, OfferTruth(id: id, productType: type.key))
    }

    static func date(fromEpochDay z: Int) -> String {
        // Civil from days (inverse of Offer.epochDay).
        let z = z + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Writes the catalog as JSONL to a new or truncated file (and the ground truth as TSV
    /// `id<TAB>product_type`).
    public func write(catalog: URL, truth: URL?) throws {
        let out = try Self.openForWriting(catalog)
        defer { try? out.close() }
        try write(to: out, truth: truth)
    }

    /// Writes the catalog to an open handle (standard output for the CLI), generating
    /// chunks in parallel and writing them in order.
    public func write(to out: FileHandle, truth: URL?) throws {
        let truthOut = try truth.map(Self.openForWriting)
        defer { try? truthOut?.close() }
        let chunk = 5_000
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var start = 0
        while start < offerCount {
            let batch = (0..<workers).map { start + $0 * chunk }.filter { $0 < offerCount }
            let results = ChunkResults(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { k in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var lines = Data()
                var truths = ""
                for i in batch[k]..<min(batch[k] + chunk, offerCount) {
                    let (offer, t) = self.offer(i)
                    lines.append((try? encoder.encode(offer)) ?? Data())
                    lines.append(0x0A)
                    truths += "\(t.id)\t\(t.productType)\n"
                }
                results.set(k, lines, truths)
            }
            for k in 0..<batch.count {
                let (lines, truths) = results.get(k)
                try out.write(contentsOf: lines)
                try truthOut?.write(contentsOf: Data(truths.utf8))
            }
            start += workers * chunk
        }
    }

    /// Opens a regular file for writing, creating or truncating it in place. Unlike
    /// `FileManager.createFile` (which writes a temporary file and renames it over the
    /// path) it never replaces what the path is: a device or a symlink stays one.
    static func openForWriting(_ url: URL) throws -> FileHandle {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "cannot write \(url.path): \(String(cString: strerror(errno)))",
                ])
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Reads a ground-truth TSV written by `write`.
    public static func readTruth(_ url: URL) throws -> [String: String] {
        var map: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { map[String(parts[0])] = String(parts[1]) }
        }
        return map
    }
}

/// Per-chunk outputs of the parallel writer; each slot is written by one worker.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [(Data, String)]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: (Data(), ""), count: count) }
    func set(_ k: Int, _ d: Data, _ t: String) { lock.lock(); slots[k] = (d, t); lock.unlock() }
    func get(_ k: Int) -> (Data, String) { lock.lock(); defer { lock.unlock() }; return slots[k] }
}
