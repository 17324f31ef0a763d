import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking

/// Filters written as `name=value` pairs (CLI `--filter`, URL `filter.name=value`).
/// List filters may repeat or use commas: `category=女装>连衣裙`, `region=义乌,温州`.
public enum FilterParameters {
    static let lists: Set<String> = ["category", "province", "region", "belt", "place", "supplier_kind", "supplier", "customization"]
    static let numbers: Set<String> = ["price_min", "price_max", "max_moq", "min_ship_72h", "min_capacity"]
    static let integers: Set<String> = ["max_moq", "min_capacity"]

    public static func parse(_ pairs: [(String, String)]) throws(FieldIssue) -> OfferFilters {
        var object: [String: Any] = [:]
        for (name, value) in pairs {
            if lists.contains(name) {
                var list = object[name] as? [String] ?? []
                list += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                object[name] = list
            } else if numbers.contains(name) {
                guard let n = Double(value), n.isFinite else { throw FieldIssue(field: "filters.\(name)", reason: "expected a number, got \"\(value)\"") }
                if integers.contains(name) {
                    guard n.rounded() == n, abs(n) < 1e15 else { throw FieldIssue(field: "filters.\(name)", reason: "expected an integer, got \"\(value)\"") }
                    object[name] = Int(n)
                } else {
                    object[name] = n
                }
            } else if name == "dropship" {
                guard let b = Bool(value.lowercased()) else { throw FieldIssue(field: "filters.dropship", reason: "expected true or false, got \"\(value)\"") }
                object[name] = b
            } else {
                throw FieldIssue(field: "filters.\(name)", reason: "unknown filter (known: \((lists.union(numbers).union(["dropship"])).sorted().joined(separator: ", ")))")
            }
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: object)
            return try JSONDecoder().decode(OfferFilters.self, from: data)
        } catch {
            let issue = FieldIssue(decodingError: error)
            throw FieldIssue(field: "filters." + issue.field, reason: issue.reason)
        }
    }
}
