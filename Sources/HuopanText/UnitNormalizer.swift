/// Canonical forms of measures, so the same size written two ways is one term:
/// 500毫升 = 500ml, 1.5升 = 1500ml, 1.2米 = 120cm, 30厘米 = 30cm, 2公斤 = 2000g,
/// 20000毫安 = 20000mah. Only conversions that are exact are made; anything
/// else (sizes like 36码, counts like 10片) has no canonical form.
public enum UnitNormalizer {
    /// unit → (canonical unit, factor)
    static let units: [String: (String, Double)] = [
        "ml": ("ml", 1), "毫升": ("ml", 1), "l": ("ml", 1000), "升": ("ml", 1000),
        "cm": ("cm", 1), "厘米": ("cm", 1), "公分": ("cm", 1), "m": ("cm", 100), "米": ("cm", 100), "mm": ("mm", 1), "毫米": ("mm", 1),
        "g": ("g", 1), "克": ("g", 1), "kg": ("g", 1000), "千克": ("g", 1000), "公斤": ("g", 1000), "斤": ("g", 500),
        "mah": ("mah", 1), "毫安": ("mah", 1), "毫安时": ("mah", 1),
        "w": ("w", 1), "瓦": ("w", 1), "v": ("v", 1), "伏": ("v", 1),
    ]

    /// The canonical form of `token` (normalised text such as `1.2米` or `500ml`), or nil.
    public static func canonical(_ token: String) -> String? {
        let scalars = Array(token.unicodeScalars)
        var i = 0
        while i < scalars.count, ("0"..."9").contains(scalars[i]) || scalars[i] == "." { i += 1 }
        guard i > 0, i < scalars.count, let value = Double(String(String.UnicodeScalarView(scalars[0..<i]))) else { return nil }
        let unit = String(String.UnicodeScalarView(scalars[i...]))
        guard let (canonical, factor) = units[unit] else { return nil }
        let v = value * factor
        guard v.isFinite, v > 0, v < 1e9 else { return nil }
        let number = v.rounded() == v ? String(Int(v)) : String(format: "%g", v)
        let result = number + canonical
        return result == token ? nil : result
    }
}
