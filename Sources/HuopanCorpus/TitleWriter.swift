import HuopanCatalog

/// Writes an offer's title the way 1688 sellers do: marketing words first (2025新款, 爆款),
/// maybe a brand, who it is for, attribute values, the product word (or an alias), often
/// neighbouring product words stuffed in for search traffic (保温杯 焖烧杯 水杯), a model
/// number that may be glued to the word before it (螺丝刀sd3921), and the seller's promises
/// (厂家直销, 一件代发, 支持定制). An accessory names what it fits (手机壳 适用iphone).
/// Units come in mixed forms (500ml, 500毫升), words are run together or spaced. At most
/// `maxLength` characters, cutting stuffing and extra words first.
struct TitleWriter: Sendable {
    static let maxLength = 60
    let taxonomy: Taxonomy

    /// Title unit spellings that sellers use interchangeably.
    static let unitForms: [(String, String)] = [
        ("ml", "毫升"), ("cm", "厘米"), ("mm", "毫米"), ("kg", "公斤"), ("g", "克"), ("m", "米"), ("l", "升"), ("w", "瓦"),
    ]

    struct Facts {
        var type: ProductType
        var attributes: [String: String]
        var brand: String?
        var kind: SupplierKind
        var dropship: Bool
        var customizable: Bool
    }

    func title(_ f: Facts, _ rng: inout SeededRandom) -> String {
        let type = f.type
        var head: [String] = []  // before the product word
        var tail: [String] = []  // after it
        var optional: Set<Int> = []  // positions in tail that may be cut for length

        let marketing = taxonomy.list("marketing_any")
        if !marketing.isEmpty, rng.chance(0.55) {
            head.append(rng.pick(marketing))
            if rng.chance(0.2) { head.append(rng.pick(marketing)) }
        }
        if let brand = f.brand { head.append(brand) }
        if !type.audiences.isEmpty, rng.chance(0.45) { head.append(rng.pick(type.audiences)) }
        // Attribute values: a few, in an order that varies.
        var values = type.attributes.compactMap { f.attributes[$0.name] }
        values.shuffle(using: &rng)
        for v in values.prefix(1 + Int(rng.next() % 3)) where !head.contains(v) { head.append(Self.respell(v, &rng)) }
        if !type.words.isEmpty, rng.chance(0.5) { head.append(rng.pick(type.words)) }

        let word = !type.aliases.isEmpty && rng.chance(0.25) ? rng.pick(type.aliases) : type.name
        // A second name for the same product, now and then.
        if !type.aliases.isEmpty, rng.chance(0.25) {
            let other = word == type.name ? rng.pick(type.aliases) : type.name
            if other != word { tail.append(other); optional.insert(tail.count - 1) }
        }
        // Keyword stuffing: neighbouring products sellers want to be found for.
        if !type.related.isEmpty, rng.chance(0.45) {
            var related = type.related
            related.shuffle(using: &rng)
            for r in related.prefix(rng.chance(0.35) ? 2 : 1) {
                tail.append(r)
                optional.insert(tail.count - 1)
            }
        }
        // An accessory names what it is for.
        if let host = type.of.isEmpty ? nil : rng.pick(type.of), rng.chance(0.7) {
            tail.append(rng.pick(["适用\(host)", "\(host)专用", "\(host)通用", host]))
        }
        var product = word
        if let pattern = type.model, rng.chance(0.6) {
            var model = Self.modelNumber(pattern, &rng)
            if rng.chance(0.4) {
                // Glued: 螺丝刀sd3921, hp901.
                model = model.replacingOccurrences(of: "-", with: "")
                if rng.chance(0.5) { product += model } else { tail.append(model) }
            } else {
                tail.append(model)
            }
        }
        if !type.words.isEmpty, rng.chance(0.35) { tail.append(rng.pick(type.words)); optional.insert(tail.count - 1) }
        // The seller's promises, true to the offer.
        if f.kind == .factory, rng.chance(0.5) { tail.append(rng.pick(taxonomy.list("marketing_factory"))) }
        if f.kind == .marketStall, rng.chance(0.3) { tail.append(rng.pick(taxonomy.list("marketing_stall"))) }
        if f.dropship, rng.chance(0.45) { tail.append(rng.pick(taxonomy.list("marketing_dropship"))) }
        if f.customizable, rng.chance(0.45) { tail.append(rng.pick(taxonomy.list("marketing_custom"))) }

        func join(_ parts: [String]) -> String {
            if rng.chance(0.55) { return parts.joined() }
            var out = ""
            for (i, p) in parts.enumerated() { out += (i > 0 && rng.chance(0.6) ? " " : "") + p }
            return out
        }
        var kept = tail.indices.map { $0 }
        var title = join(head + [product] + kept.map { tail[$0] })
        // Too long: drop stuffing and extra words first, then from the end.
        while title.count > Self.maxLength, !kept.isEmpty {
            if let cut = kept.last(where: { optional.contains($0) }) { kept.removeAll { $0 == cut } } else { kept.removeLast() }
            title = join(head + [product] + kept.map { tail[$0] })
        }
        return String(title.prefix(Self.maxLength))
    }

    /// 500ml ↔ 500毫升 and the like, some of the time.
    static func respell(_ value: String, _ rng: inout SeededRandom) -> String {
        guard rng.chance(0.3), let digitEnd = value.lastIndex(where: \.isNumber) else { return value }
        let unit = value[value.index(after: digitEnd)...]
        for (latin, chinese) in unitForms {
            if unit == latin { return value[...digitEnd] + chinese }
            if unit == chinese { return value[...digitEnd] + (rng.chance(0.3) ? latin.uppercased() : latin) }
        }
        return value
    }

    static func modelNumber(_ pattern: String, _ rng: inout SeededRandom) -> String {
        let letters = Array("abcdefghjkmnprstuvwxyz")
        return String(
            pattern.map { c -> Character in
                switch c {
                case "#": Character(String(rng.next() % 10))
                case "@": letters[Int(rng.next() % UInt64(letters.count))]
                default: c
                }
            })
    }
}
