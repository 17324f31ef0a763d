import Foundation
import HTTPTypes
import Hummingbird

/// Admin endpoints need `Authorization: Bearer <token>` matching a configured
/// token; with no token configured they are disabled (403), never open.
struct AdminAuth: Sendable {
    let tokens: [String: String]

    /// The name of the admin the request authenticates as.
    func authenticate(_ request: Request) throws -> String {
        guard !tokens.isEmpty else {
            throw APIError(.forbidden, "admin_disabled", "admin endpoints are disabled: no admin token is configured (set HUOPAN_ADMIN_TOKEN)")
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            var e = APIError(.unauthorized, "unauthorized", "this endpoint needs an Authorization: Bearer <admin token> header")
            e.headers[.wwwAuthenticate] = "Bearer"
            throw e
        }
        let presented = Array(header.dropFirst("Bearer ".count).utf8)
        var match: String?
        // Every token is compared in full, in constant time, so timing says nothing about which bytes matched.
        for (name, token) in tokens.sorted(by: { $0.key < $1.key }) where Self.constantTimeEqual(presented, Array(token.utf8)) {
            match = name
        }
        guard let match else {
            var e = APIError(.unauthorized, "unauthorized", "the admin token is not valid")
            e.headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\""
            throw e
        }
        return match
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
