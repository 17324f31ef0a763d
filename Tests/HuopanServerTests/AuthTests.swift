import Foundation
import HummingbirdTesting
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct AuthTests {
    static let adminCalls: [(String, String, String?, String?)] = [
        ("PUT", "/v1/offers", nil, #"{"id":"x"}"#),
        ("DELETE", "/v1/offers/ofr-0000001", nil, nil),
        ("POST", "/v1/reindex", #"{"path":"catalog.jsonl"}"#, nil),
        ("PUT", "/v1/profiles/default", #"{"name":"default","weights":{"sales":1}}"#, nil),
        ("POST", "/v1/profiles/default/rollback", nil, nil),
    ]

    @Test func adminEndpointsNeedTheToken() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            for (method, uri, json, ndjson) in Self.adminCalls {
                let none = try await client.call(.init(method)!, uri, json: json, ndjson: ndjson)
                #expect(none.status == .unauthorized, "\(method) \(uri) without a token")
                #expect(none.headers[.wwwAuthenticate] != nil)
                let wrong = try await client.call(.init(method)!, uri, json: json, ndjson: ndjson, token: "test-admin-tokeX")
                #expect(wrong.status == .unauthorized, "\(method) \(uri) with a wrong token")
                let prefix = try await client.call(.init(method)!, uri, json: json, ndjson: ndjson, token: "test-admin")
                #expect(prefix.status == .unauthorized)
            }
            // Query endpoints need none.
            #expect(try await client.call(.get, "/v1/search?q=x").status == .ok)
            #expect(try await client.call(.get, "/v1/profiles").status == .ok)
        }
    }

    @Test func withoutAConfiguredTokenAdminIsDisabledNotOpen() async throws {
        let server = try TestServer.make(offers: 300, adminToken: nil)
        try await server.run { client in
            for (method, uri, json, ndjson) in Self.adminCalls {
                let r = try await client.call(.init(method)!, uri, json: json, ndjson: ndjson, token: "anything-at-all")
                #expect(r.status == .forbidden, "\(method) \(uri)")
                #expect(r.errorCode == "admin_disabled")
            }
        }
    }
}
