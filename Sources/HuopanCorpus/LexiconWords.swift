/// The lexicon's word lists derived from the taxonomy (`huopan corpus lexicon`): the engine
/// keeps these words whole when it segments titles and queries.
public enum LexiconWords {
    /// Every product word and category name (女装, 厨房电器), normalised as the analyzer reads
    /// text (lower case), sorted. Left out: a product word with 女 or 男 after it (t恤女, 冲锋衣男),
    /// the way buyers type queries; as one word it would stop t恤 from matching in 短袖t恤女夏.
    public static func products(of taxonomy: Taxonomy) -> [String] {
        let categories = taxonomy.productTypes.flatMap { $0.category.prefix(2) }
        let words = Set((taxonomy.productWords + categories).map { $0.lowercased() }.filter { !$0.isEmpty && !$0.contains(" ") })
        return words.filter { w in
            guard let last = w.last, last == "女" || last == "男" else { return true }
            return !words.contains(String(w.dropLast()))
        }.sorted()
    }

    public static func brands(of taxonomy: Taxonomy) -> [String] {
        Set(taxonomy.productTypes.flatMap(\.brands).map { $0.lowercased() }.filter { !$0.isEmpty && !$0.contains(" ") }).sorted()
    }

    /// A lexicon file: `#` comment lines, then one word per line.
    public static func file(header: [String], words: [String]) -> String {
        header.map { "# " + $0 + "\n" }.joined() + words.map { $0 + "\n" }.joined()
    }
}
