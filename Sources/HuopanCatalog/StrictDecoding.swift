/// A coding key for any string, used to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Raised when an object has a key its type does not define.
public struct UnknownFieldError: Error, Sendable {
    public let field: String
    public let path: [String]
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
