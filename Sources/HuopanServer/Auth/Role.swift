/// What a token may do. `admin` changes the index and the profiles and may do
/// everything else; `operator` runs the expensive read-only work (evaluation,
/// previews, judgments, job details); `ingest` sends behaviour events.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case `operator`
    case ingest

    /// Whether a holder of `self` may use a route that needs `required`.
    public func allows(_ required: Role) -> Bool { self == .admin || self == required }
}

/// Who a request authenticated as: the token's configured name and its role.
public struct Identity: Sendable, Hashable {
    public var name: String
    public var role: Role
}
