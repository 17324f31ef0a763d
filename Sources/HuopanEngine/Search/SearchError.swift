import HuopanCatalog

/// A caller's mistake in a search request; the server answers 400 naming the field.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case invalid([FieldIssue])
    case unknownProfile(String)

    /// The fields the error names, first the one to fix first.
    public var fields: [String] {
        switch self {
        case .invalid(let issues): issues.map(\.field)
        case .unknownProfile: ["profile"]
        }
    }

    public var description: String {
        switch self {
        case .invalid(let issues): issues.map(\.description).joined(separator: "; ")
        case .unknownProfile(let name): "profile: unknown profile \"\(name)\""
        }
    }
}
