import Hummingbird

/// The configured bearer tokens and the check of a presented one.
struct TokenRing: Sendable {
    struct Entry: Sendable {
        let name: String
        let role: Role
        let token: [UInt8]
    }

    let entries: [Entry]

    init(_ configuration: ServerConfiguration) {
        var entries: [Entry] = []
        for (role, tokens) in [
            (Role.admin, configuration.adminTokens), (.operator, configuration.operatorTokens),
            (.ingest, configuration.ingestTokens),
        ] {
            for (name, token) in tokens.sorted(by: { $0.key < $1.key }) {
                entries.append(Entry(name: name, role: role, token: Array(token.utf8)))
            }
        }
        self.entries = entries
    }

    /// The identity a request's `Authorization: Bearer` header proves, for a route that needs `role`.
    func authenticate(_ request: Request, for role: Role) throws -> Identity {
        guard entries.contains(where: { $0.role.allows(role) }) else {
            throw APIError(
                .forbidden, "\(role.rawValue)_disabled",
                "\(role.rawValue) endpoints are disabled: no \(role.rawValue) token is configured (set HUOPAN_\(role.rawValue.uppercased())_TOKEN)"
            )
        }
        // The scheme is case-insensitive (RFC 7235): "bearer" and "BEARER" are Bearer.
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else {
            var e = APIError(.unauthorized, "unauthorized", "this endpoint needs an Authorization: Bearer <\(role.rawValue) token> header")
            e.headers[.wwwAuthenticate] = "Bearer"
            throw e
        }
        let presented = Array(header.dropFirst(7).drop(while: { $0 == " " }).utf8)
        var match: Entry?
        // Every token is compared in full, in constant time, so timing says nothing about which bytes matched.
        for entry in entries where Self.constantTimeEqual(presented, entry.token) { match = entry }
        guard let match else {
            var e = APIError(.unauthorized, "unauthorized", "the token is not valid")
            e.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\""
            throw e
        }
        guard match.role.allows(role) else {
            throw APIError(.forbidden, "forbidden", "a \(match.role.rawValue) token may not use this endpoint; it needs \(role.rawValue)")
        }
        return Identity(name: match.name, role: match.role)
    }

    /// Equal bytes, compared in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
