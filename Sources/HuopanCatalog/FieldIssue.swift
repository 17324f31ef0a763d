import Foundation

/// A problem with one field of a request, an offer or a profile: what every 4xx names.
public struct FieldIssue: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the field (`filters.price_min`, `price_tiers[1].unit_price`); empty for the whole document.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}

extension FieldIssue {
    /// The issue behind a failed `JSONDecoder` decode of `body`. Foundation reports a number
    /// that does not fit its field (`"size": 9223372036854775808`, `"lookahead": 0.5` for an
    /// integer) as "not valid JSON" without a path. The body is then parsed again: each number
    /// that could be at fault (not an integer, or too large) is replaced by 0 in turn and the
    /// decode retried with `retry`; the one whose replacement makes that error go away is the
    /// field named. Malformed JSON is reported where it really breaks.
    public init(decoding body: some Collection<UInt8>, error: Error, retry: ((Data) throws -> Void)? = nil) {
        let issue = FieldIssue(decodingError: error)
        guard issue.field.isEmpty, case DecodingError.dataCorrupted = error else {
            self = issue
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch let e as JSONValue.ParseError {
            self.init(field: e.path, reason: e.description)
            return
        } catch {
            self = issue
            return
        }
        let suspects = value.numberPaths().filter { n in n.value.rounded() != n.value || abs(n.value) >= 9.007_199_254_740_992e15 }
        var replaced = value
        for suspect in suspects {
            guard let retry else { break }
            replaced = replaced.replacingNumber(suspect.index, with: 0)
            let encoder = JSONEncoder()
            guard let data = try? encoder.encode(replaced) else { continue }
            do {
                try retry(data)
            } catch let again {
                if case DecodingError.dataCorrupted(let c) = again, c.codingPath.isEmpty { continue }
            }
            let reason = suspect.value.rounded() != suspect.value ? "expected an integer" : "is out of range"
            self.init(field: suspect.path, reason: reason)
            return
        }
        // Without a way to retry, a number too large for any integer field is the best guess.
        if let huge = suspects.first(where: { abs($0.value) >= 9.007_199_254_740_992e15 }) {
            self.init(field: huge.path, reason: "is out of range")
        } else {
            self = issue
        }
    }
}

extension JSONValue {
    /// Every number of the document, depth first: its position among the numbers, its path
    /// (`exposure.lookahead`, `tiers[1]`) and its value.
    func numberPaths() -> [(index: Int, path: String, value: Double)] {
        var out: [(Int, String, Double)] = []
        func walk(_ v: JSONValue, _ path: String) {
            switch v {
            case .number(let n): out.append((out.count, path, n))
            case .object(let members): for (key, value) in members { walk(value, path.isEmpty ? key : path + "." + key) }
            case .array(let items): for (i, value) in items.enumerated() { walk(value, path + "[\(i)]") }
            default: break
            }
        }
        walk(self, "")
        return out
    }

    /// The document with its `index`-th number (depth first) replaced.
    func replacingNumber(_ index: Int, with replacement: Double) -> JSONValue {
        var seen = 0
        func walk(_ v: JSONValue) -> JSONValue {
            switch v {
            case .number(let n):
                defer { seen += 1 }
                return .number(seen == index ? replacement : n)
            case .object(let members): return .object(members.map { ($0.key, walk($0.value)) })
            case .array(let items): return .array(items.map(walk))
            default: return v
            }
        }
        return walk(self)
    }
}
