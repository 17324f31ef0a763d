// Properties checked:
// - every route the router has that is not on the public list refuses a request without a
//   token (401) and one with a wrong token: the list comes from the router itself, so a new
//   route is protected unless someone adds it to the public list on purpose;
// - a refused write changes nothing (documents, profiles, synonyms);
// - without a configured token of a role, its routes are disabled (403), never open;
// - search and reading need no token.
import Foundation
import HTTPTypes
import HummingbirdTesting
import HuopanTestSupport
import Testing

@testable import HuopanServer

@Suite struct AuthTests {
    /// The routes anyone may call. Everything else needs a token.
    static let open: Set<String> = [
        "GET /v1/search", "POST /v1/search", "GET /v1/suppliers/search", "GET /v1/suggest", "GET /v1/offers", "GET /v1/offers/{id}",
        "GET /v1/profiles", "GET /v1/profiles/{name}", "GET /v1/features", "GET /v1/synonyms", "GET /v1/schema",
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.yaml", "GET /openapi.json", "GET /", "GET /console/{file}",
        "GET /docs", "GET /docs/{file}",
    ]

    /// A concrete path for a route template, and a body worth sending.
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{name}", with: "default").replacingOccurrences(of: "{id}", with: "ofr-0000001")
            .replacingOccurrences(of: "{job}", with: "rx-0").replacingOccurrences(of: "{file}", with: "console.js")
    }

    static let bodies: [String: String] = [
        "PUT /v1/offers": #"{"id":"x"}"#, "POST /v1/reindex": #"{"path":"catalog.jsonl"}"#,
        "PUT /v1/profiles/{name}": #"{"name":"default","weights":{"sales":1}}"#,
    ]

    static func protectedRoutes(_ server: TestServer) -> [(method: String, path: String)] {
        buildRouter(service: server.service).routes
            .map { (method: $0.method.rawValue, path: $0.path.description) }
            .filter { !open.contains("\($0.method) \($0.path)") }
    }

    @Test func everyRouteOffThePublicListNeedsAToken() async throws {
        let server = try TestServer.make(offers: 300)
        let protected = Self.protectedRoutes(server)
        // The public list names real routes, and the protected set is what the API table documents.
        let all = Set(buildRouter(service: server.service).routes.map { "\($0.method.rawValue) \($0.path.description)" })
        #expect(Self.open.isSubset(of: all), "\(Self.open.subtracting(all))")
        #expect(protected.count >= 11, "\(protected)")
        #expect(protected.contains { $0.method == "POST" && $0.path == "/v1/synonyms/reload" })
        try await server.run { client in
            let documents = try await client.call(.get, "/readyz").object["documents"] as? Int
            let version = try await client.call(.get, "/v1/profiles/default").object["version"] as? Int
            for route in protected {
                let method = HTTPRequest.Method(route.method)!
                let uri = Self.concrete(route.path)
                let body = Self.bodies["\(route.method) \(route.path)"] ?? "{}"
                let none = try await client.call(method, uri, json: body)
                #expect(none.status == .unauthorized, "\(route.method) \(route.path) without a token: \(none.status)")
                #expect(none.headers[.wwwAuthenticate] != nil)
                let wrong = try await client.call(method, uri, json: body, token: "test-admin-tokeX")
                #expect(wrong.status == .unauthorized, "\(route.method) \(route.path) with a wrong token")
                let prefix = try await client.call(method, uri, json: body, token: "test-admin")
                #expect(prefix.status == .unauthorized)
            }
            // Nothing a refused request asked for happened.
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == documents)
            #expect(try await client.call(.get, "/v1/profiles/default").object["version"] as? Int == version)
            #expect(try await client.call(.get, "/v1/offers/ofr-0000001").status == .ok)
            // Open routes need none.
            #expect(try await client.call(.get, "/v1/search?q=x").status == .ok)
            #expect(try await client.call(.get, "/v1/profiles").status == .ok)
        }
    }

    @Test func withoutAConfiguredTokenProtectedRoutesAreDisabledNotOpen() async throws {
        let server = try TestServer.make(offers: 300, adminToken: nil)
        let protected = Self.protectedRoutes(server)
        try await server.run { client in
            for route in protected {
                let r = try await client.call(
                    HTTPRequest.Method(route.method)!, Self.concrete(route.path),
                    json: Self.bodies["\(route.method) \(route.path)"] ?? "{}", token: "anything-at-all")
                #expect(r.status == .forbidden, "\(route.method) \(route.path)")
                #expect(r.errorCode?.hasSuffix("_disabled") == true)
            }
        }
    }
}
