/// A structured cue found in the query text and taken out of it.
public struct QueryCue: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case intent, quantity, price, place, dropship, shipping, customization
    }

    public var kind: Kind
    /// The text as it appeared (normalised).
    public var text: String
    /// What it was read as ("bulk_wholesale", "1000", "<=10", "义乌", "72h").
    public var value: String
}

/// Cues read from a query, and the text left once they are removed.
public struct QueryCues: Sendable, Codable, Hashable {
    public var text: String
    public var cues: [QueryCue] = []
    public var intent: BuyerIntent?
    public var qty: Int?
    public var priceMin: Double?
    public var priceMax: Double?
    public var places: [String] = []
    public var dropship = false
    /// Shipping promise asked for, in hours (48小时发货 → 48).
    public var shipWithinHours: Int?

    enum CodingKeys: String, CodingKey {
        case text, cues, intent, qty, priceMin = "price_min", priceMax = "price_max", places, dropship
        case shipWithinHours = "ship_within_hours"
    }
}

/// Reads intent words, quantities, prices, places and service promises out of
/// a normalised query (see `Analyzer.normalize`), so they act as intent,
/// filters and report fields instead of text terms that titles rarely contain.
public struct QueryCueReader: Sendable {
    /// Cue words by intent, longest first when scanning. 工厂直销 asks for the
    /// factory, which is what bulk buyers want first; 一件代发 asks for dropshipping.
    public static let intentWords: [(String, BuyerIntent)] = [
        ("来图定制", .customization), ("来样定制", .customization), ("logo定制", .customization), ("定制logo", .customization),
        ("印logo", .customization), ("贴牌", .customization), ("代工", .customization), ("oem", .customization),
        ("odm", .customization), ("定做", .customization), ("订做", .customization), ("定制", .customization),
        ("工厂直销", .bulkWholesale), ("厂家直销", .bulkWholesale), ("源头工厂", .bulkWholesale), ("源头厂家", .bulkWholesale),
        ("大批量", .bulkWholesale), ("量大从优", .bulkWholesale), ("批发", .bulkWholesale),
        ("一件代发", .newProductTesting), ("代发货", .newProductTesting), ("代发", .newProductTesting),
        ("测款", .newProductTesting), ("拿样", .newProductTesting),
        ("小批量", .smallBatch), ("少量", .smallBatch), ("小额", .smallBatch), ("混批", .smallBatch),
    ]

    /// Units read as a number of pieces; 箱 and 打 are converted (a carton of
    /// small goods is taken as 50 pieces, a dozen as 12). Longest first, so `pcs`
    /// is tried before any one-letter unit could be.
    public static let pieceUnits: [(unit: [Unicode.Scalar], factor: Int)] = [
        ("pcs", 1), ("件", 1), ("个", 1), ("只", 1), ("套", 1), ("双", 1), ("条", 1), ("张", 1), ("把", 1), ("支", 1), ("包", 1),
        ("盒", 1), ("瓶", 1), ("片", 1), ("台", 1), ("顶", 1), ("本", 1), ("块", 1), ("袋", 1), ("卷", 1), ("箱", 50), ("打", 12),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    public let places: [String]

    /// `places` are the place words (lexicon tag `place`) read as place cues.
    public init(places: [String]) {
        self.places = places.sorted { $0.count > $1.count }
    }

    public init(lexicon: Lexicon) {
        self.init(places: lexicon.words(tagged: .place))
    }

    public func read(_ normalized: String) -> QueryCues {
        var cues = QueryCues(text: normalized)
        var text = Array(normalized.unicodeScalars)

        func remove(_ range: Range<Int>) {
            text.replaceSubrange(range, with: [" "])
        }
        func find(_ word: String) -> Range<Int>? {
            let w = Array(word.unicodeScalars)
            guard w.count <= text.count else { return nil }
            for i in 0...(text.count - w.count) where text[i] == w[0] && Array(text[i..<i + w.count]) == w {
                return i..<i + w.count
            }
            return nil
        }

        // Service promises first: 一件代发 is both a dropship filter and an intent.
        if let r = find("一件代发") ?? find("代发货") ?? find("代发") {
            cues.dropship = true
            cues.cues.append(QueryCue(kind: .dropship, text: String(String.UnicodeScalarView(text[r])), value: "true"))
        }
        for (word, intent) in Self.intentWords {
            while let r = find(word) {
                if cues.intent == nil || intent == .customization { cues.intent = intent }
                cues.cues.append(QueryCue(kind: .intent, text: word, value: intent.rawValue))
                remove(r)
            }
        }
        // Hours promised: 48小时发货, 24h发货, 72小时.
        if let m = matchNumber(in: text, before: ["小时发货", "h发货", "小时内发货", "小时"]) {
            cues.shipWithinHours = Int(m.value)
            cues.cues.append(QueryCue(kind: .shipping, text: m.text, value: "\(Int(m.value))h"))
            remove(m.range)
        }
        // Prices: 20-50元, 10元以内/以下, 100元左右.
        if let m = matchPriceRange(in: text) {
            cues.priceMin = m.lower
            cues.priceMax = m.upper
            func yuan(_ v: Double) -> String { v.rounded() == v ? String(Int(v)) : String(v) }
            let value =
                switch (m.lower, m.upper) {
                case let (l?, u?): "\(yuan(l))-\(yuan(u))"
                case let (nil, u?): "<=\(yuan(u))"
                case let (l?, nil): ">=\(yuan(l))"
                case (nil, nil): ""
                }
            cues.cues.append(QueryCue(kind: .price, text: m.text, value: value))
            remove(m.range)
        }
        // Quantities: 1000件, 500个, 2箱.
        if let m = matchQuantity(in: text) {
            cues.qty = m.qty
            cues.cues.append(QueryCue(kind: .quantity, text: m.text, value: String(m.qty)))
            remove(m.range)
        }
        if cues.intent == nil, let q = cues.qty { cues.intent = BuyerIntent.forQuantity(q) }
        for place in places {
            while let r = find(place) {
                if !cues.places.contains(place) { cues.places.append(place) }
                cues.cues.append(QueryCue(kind: .place, text: place, value: place))
                remove(r)
            }
        }
        cues.text = String(String.UnicodeScalarView(text)).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return cues
    }

    private func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    /// A number (digits, optional decimal part) ending at `end`; returns its start.
    private func numberStart(_ text: [Unicode.Scalar], end: Int) -> Int? {
        var i = end
        while i > 0, isDigit(text[i - 1]) || (text[i - 1] == "." && i - 1 > 0 && isDigit(text[i - 2])) { i -= 1 }
        return i < end ? i : nil
    }

    private func matchNumber(in text: [Unicode.Scalar], before suffixes: [String]) -> (range: Range<Int>, value: Double, text: String)? {
        for suffix in suffixes {
            let s = Array(suffix.unicodeScalars)
            guard s.count < text.count else { continue }
            for i in 1...(text.count - s.count) where Array(text[i..<i + s.count]) == s {
                if let start = numberStart(text, end: i), let v = Double(String(String.UnicodeScalarView(text[start..<i]))) {
                    return (start..<i + s.count, v, String(String.UnicodeScalarView(text[start..<i + s.count])))
                }
            }
        }
        return nil
    }

    private func matchPriceRange(in text: [Unicode.Scalar]) -> (range: Range<Int>, lower: Double?, upper: Double?, text: String)? {
        let yuan: [Unicode.Scalar] = ["元", "块"]
        for i in text.indices where yuan.contains(text[i]) {
            guard let start = numberStart(text, end: i), let value = Double(String(String.UnicodeScalarView(text[start..<i]))) else {
                continue
            }
            var lower: Double?
            var upper: Double?
            var from = start
            var to = i + 1
            // "20-50元" or "20~50元" or "20到50元"
            if from >= 2, ["-", "~", "到", "至"].contains(text[from - 1]), let s2 = numberStart(text, end: from - 1),
                let v2 = Double(String(String.UnicodeScalarView(text[s2..<from - 1])))
            {
                lower = min(v2, value); upper = max(v2, value); from = s2
            } else {
                let rest = String(String.UnicodeScalarView(text[to...]))
                if rest.hasPrefix("以内") || rest.hasPrefix("以下") || rest.hasPrefix("内") {
                    upper = value; to += rest.hasPrefix("内") ? 1 : 2
                } else if rest.hasPrefix("以上") {
                    lower = value; to += 2
                } else if rest.hasPrefix("左右") {
                    lower = (value * 0.8 * 100).rounded() / 100; upper = (value * 1.2 * 100).rounded() / 100; to += 2
                } else {
                    upper = value
                }
            }
            return (from..<to, lower, upper, String(String.UnicodeScalarView(text[from..<to])))
        }
        return nil
    }

    /// The first quantity in the text, reading left to right (the same answer in every
    /// process: a dictionary's order is not fixed from one run to the next).
    private func matchQuantity(in text: [Unicode.Scalar]) -> (range: Range<Int>, qty: Int, text: String)? {
        guard text.count > 1 else { return nil }
        for i in 1..<text.count {
            for (u, factor) in Self.pieceUnits where i + u.count <= text.count && Array(text[i..<i + u.count]) == u {
                guard let start = numberStart(text, end: i), !text[start..<i].contains("."),
                    let n = Int(String(String.UnicodeScalarView(text[start..<i]))), n > 0, n < 100_000_000
                else { continue }
                // "3件套" is a product (a three-piece set), not a quantity.
                if i + u.count < text.count, ["套", "装"].contains(text[i + u.count]) { continue }
                return (start..<i + u.count, n * factor, String(String.UnicodeScalarView(text[start..<i + u.count])))
            }
        }
        return nil
    }
}
