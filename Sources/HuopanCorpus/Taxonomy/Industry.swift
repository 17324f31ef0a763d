/// A top-level industry (女装, 五金工具): one taxonomy file.
public struct Industry: Sendable, Hashable {
    public let key: String
    /// The first level of every category path in the industry.
    public let name: String
    /// The word in generated supplier names (义乌市鸿达服饰有限公司).
    public let supplierWord: String
    /// Indices into `Taxonomy.productTypes`, most common first.
    public let types: [Int]
}
