import Foundation

/// A coding key for any string, used to list the keys an object actually has.
public struct AnyCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// Raised when an object has a key its type does not define.
public struct UnknownFieldError: Error, Sendable {
    public let field: String
    public let path: [String]

    public init(field: String, path: [String]) {
        self.field = field
        self.path = path
    }
}

/// Throws `UnknownFieldError` when the object being decoded has a key outside `Keys`.
/// JSONDecoder ignores unknown keys; a catalog or an API must not, or a typo
/// silently becomes a default.
public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ decoder: Decoder, _: Keys.Type) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    for key in container.allKeys where !Keys.allCases.contains(where: { $0.stringValue == key.stringValue }) {
        throw UnknownFieldError(field: key.stringValue, path: decoder.codingPath.map(\.stringValue))
    }
}

extension FieldIssue {
    /// The field and reason behind a `Decodable` failure, for API and profile errors.
    public init(decodingError error: Error) {
        func path(_ keys: [CodingKey]) -> String {
            var s = ""
            for key in keys {
                if let i = key.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + key.stringValue }
            }
            return s
        }
        func typeName(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: "a string"
            case is Int.Type: "an integer"
            case is Double.Type: "a number"
            case is Bool.Type: "true or false"
            default: "\(type)".hasPrefix("Array") ? "an array" : "\(type)".hasPrefix("Dictionary") ? "an object" : "\(type)"
            }
        }
        switch error {
        case let e as UnknownFieldError:
            self.init(field: (e.path.isEmpty ? "" : e.path.joined(separator: ".") + ".") + e.field, reason: "unknown field")
        case let e as FieldIssue:
            self = e
        case DecodingError.keyNotFound(let key, let ctx):
            self.init(field: path(ctx.codingPath + [key]), reason: "is required")
        case DecodingError.typeMismatch(let type, let ctx):
            self.init(field: path(ctx.codingPath), reason: "expected \(typeName(type))")
        case DecodingError.valueNotFound(let type, let ctx):
            self.init(field: path(ctx.codingPath), reason: "must be \(typeName(type)), not null")
        case DecodingError.dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError as NSError?)?.localizedDescription
            self.init(
                field: path(ctx.codingPath),
                reason: ctx.codingPath.isEmpty
                    ? "malformed JSON (\(underlying ?? ctx.debugDescription))" : "invalid value (\(ctx.debugDescription))")
        default:
            self.init(field: "", reason: "\(error)")
        }
    }
}
