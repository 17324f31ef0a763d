// Properties checked:
// - without cors_origins no Access-Control header is sent, whatever the Origin;
// - with it, a listed origin gets its preflight answered (204, methods, Authorization allowed)
//   and its responses, errors included, carry Access-Control-Allow-Origin; others get none;
// - an entry that is not an origin is refused at start with the key named.
import Foundation
import HTTPTypes
import HummingbirdTesting
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct CORSTests {
    static let frontend = "https://shop.example.com"

    func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: nil)
    }

    @Test func offUnlessConfigured() async throws {
        let server = try TestServer.make(offers: 100)
        try await server.run { client in
            let r = try await call(client, .get, "/v1/search?q=x", headers: [.origin: Self.frontend])
            #expect(r.status == .ok && r.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func listedOriginsOnly() async throws {
        let server = try TestServer.make(offers: 100) { $0.corsOrigins = [Self.frontend] }
        try await server.run { client in
            let preflight = try await call(
                client, .options, "/v1/profiles/default",
                headers: [.origin: Self.frontend, .accessControlRequestMethod: "PUT", .accessControlRequestHeaders: "authorization"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == Self.frontend)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PUT") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let search = try await call(client, .get, "/v1/search?q=x", headers: [.origin: Self.frontend])
            #expect(search.status == .ok && search.headers[.accessControlAllowOrigin] == Self.frontend)
            let error = try await call(client, .get, "/v1/search?q=x&size=999", headers: [.origin: Self.frontend])
            #expect(error.status == .badRequest && error.headers[.accessControlAllowOrigin] == Self.frontend)
            let other = try await call(client, .get, "/v1/search?q=x", headers: [.origin: "https://evil.example.org"])
            #expect(other.status == .ok && other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func entriesMustBeOrigins() {
        let e = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: nil, environment: ["HUOPAN_CORS_ORIGINS": "https://shop.example.com/path"])
        }
        #expect(e?.description.hasPrefix("cors_origins:") == true)
    }
}
