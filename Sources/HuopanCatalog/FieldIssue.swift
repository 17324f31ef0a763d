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
    /// The issue behind a failed `JSONDecoder` decode of `body`. Foundation reports a
    /// number that does not fit its type (`"size": 9223372036854775808`) as "not valid
    /// JSON" without a path; the body is then parsed again to name the field, or to say
    /// where the JSON really breaks.
    public init(decoding body: some Collection<UInt8>, error: Error) {
        let issue = FieldIssue(decodingError: error)
        guard issue.field.isEmpty, case DecodingError.dataCorrupted = error else {
            self = issue
            return
        }
        do {
            let value = try JSONValue.parse(body)
            if let path = value.firstNumber(where: { abs($0) >= 9.007_199_254_740_992e15 }) {
                self.init(field: path, reason: "is out of range")
            } else {
                self = issue
            }
        } catch let e as JSONValue.ParseError {
            self.init(field: e.path, reason: e.description)
        } catch {
            self = issue
        }
    }
}

extension JSONValue {
    /// Path of the first number (depth first) for which `test` holds.
    func firstNumber(where test: (Double) -> Bool, path: String = "") -> String? {
        switch self {
        case .number(let n): return test(n) ? path : nil
        case .object(let members):
            for (key, value) in members {
                if let p = value.firstNumber(where: test, path: path.isEmpty ? key : path + "." + key) { return p }
            }
            return nil
        case .array(let items):
            for (i, value) in items.enumerated() {
                if let p = value.firstNumber(where: test, path: path + "[\(i)]") { return p }
            }
            return nil
        default: return nil
        }
    }
}
