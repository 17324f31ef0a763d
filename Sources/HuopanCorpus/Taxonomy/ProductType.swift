import HuopanCatalog
import HuopanText

/// One leaf product type of the taxonomy (连衣裙, 螺丝刀, 手机壳): the words buyers and
/// sellers use for it and what its offers look like. Read from `Corpora/taxonomy/`.
public struct ProductType: Sendable, Hashable {
    /// An attribute and the values an offer may have for it (材质: 纯棉, 雪纺, …).
    public struct Attribute: Sendable, Hashable {
        public let name: String
        public let values: [String]
    }

    public let key: String
    /// The canonical product word (连衣裙).
    public let name: String
    /// Other words for exactly this product (裙子, 长裙).
    public let aliases: [String]
    /// Key of the industry file it belongs to.
    public let industry: String
    /// `[industry name, sub-category, name]`.
    public let category: [String]
    public let attributes: [Attribute]
    /// Unit price range in CNY.
    public let price: ClosedRange<Double>
    /// What one unit of the price is (件, 个, 米, 公斤).
    public let unit: String
    public let moq: ClosedRange<Int>
    /// Monthly capacity range of one supplier, in units.
    public let capacity: ClosedRange<Int>
    public let intents: [BuyerIntent]
    /// Keys of the belts where it is made or wholesaled.
    public let belts: [String]
    public let brands: [String]
    /// Words that stand before the product word: who or where (女, 儿童, 车载).
    public let audiences: [String]
    /// Other title words: functions, specifications, scenes (加厚, 防水).
    public let words: [String]
    /// Neighbouring product words sellers stuff into the same title (保温杯 → 焖烧杯).
    public let related: [String]
    /// The products this one is an accessory, part, tool or consumable of (手机壳 → 手机);
    /// a buyer typing one of those words does not want this product.
    public let of: [String]
    /// Model-number pattern (`#` a digit, `@` a letter), for goods that carry one.
    public let model: String?
    /// Position in its industry file: the files list the most common products first.
    public let rank: Int

    /// The canonical word and the aliases.
    public var productWords: [String] { [name] + aliases }
    public var isAccessory: Bool { !of.isEmpty }

    public func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
}
