import Foundation
import HummingbirdTesting
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct SearchEndpointTests {
    let server: TestServer

    init() throws { server = try TestServer.make() }

    @Test func getAndPostAnswerTheSameShape() async throws {
        try await server.run { client in
            let get = try await client.call(.get, "/v1/search?q=\(q("女装 1000件"))&size=5&explain=true&facets=category,region")
            #expect(get.status == .ok)
            let o = get.object
            #expect(o["total"] is Int && o["took_ms"] != nil)
            #expect(o["intent"] as? String == "bulk_wholesale" && o["intent_source"] as? String == "query")
            #expect(o["qty"] as? Int == 1000)
            let hits = try #require(o["hits"] as? [[String: Any]])
            #expect(hits.count == 5)
            for h in hits {
                #expect(h["id"] is String && h["title"] is String && (h["supplier"] as? [String: Any])?["id"] is String)
                let e = try #require(h["explanation"] as? [String: Any])
                let sum = (e["contributions"] as! [String: Double]).values.reduce(0, +)
                #expect(abs(sum - (h["score"] as! Double)) < 1e-9)
            }
            #expect((o["facets"] as? [String: Any])?.keys.sorted() == ["category", "region"])
            let post = try await client.call(.post, "/v1/search", json: #"{"q":"女装 1000件","size":5}"#)
            #expect(post.status == .ok)
            #expect((post.object["hits"] as? [[String: Any]])?.map { $0["id"] as! String } == hits.map { $0["id"] as! String })
        }
    }

    @Test func filtersAndFacetsThroughTheURL() async throws {
        try await server.run { client in
            let all = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&facets=supplier_kind")
            let facet = try #require((all.object["facets"] as? [String: [[String: Any]]])?["supplier_kind"]?.first)
            let kind = facet["value"] as! String
            let filtered = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&filter.supplier_kind=\(kind)&facets=supplier_kind")
            #expect(filtered.object["total"] as? Int == facet["count"] as? Int)
        }
    }

    @Test func badInputIsA4xxNamingTheProblem() async throws {
        try await server.run { client in
            let cases: [(String, String?, String)] = [
                ("/v1/search?q=x&colour=red", nil, "colour"),
                ("/v1/search?q=x&intent=bargain", nil, "intent"),
                ("/v1/search?q=x&size=500", nil, "size"),
                ("/v1/search?q=x&page=0", nil, "page"),
                ("/v1/search?q=x&qty=abc", nil, "qty"),
                ("/v1/search?q=x&filter.price_max=cheap", nil, "price_max"),
                ("/v1/search?q=x&filter.nope=1", nil, "nope"),
                ("/v1/search?q=\(q(String(repeating: "连衣裙", count: 300)))", nil, "q"),
                ("/v1/search", #"{"q": "\#(String(repeating: "连", count: 10_000))"}"#, "10000 characters"),
                ("/v1/search", #"{"q": "a\u0001b"}"#, "control characters"),
                ("/v1/search?q=x&profile=ghost", nil, "ghost"),
                ("/v1/search?q=x&channel=taobao2", nil, "unknown channel \"taobao2\" (known: "),
                ("/v1/suppliers/search?q=x&sort=price_asc", nil, "sort: supplier search ranks by relevance only"),
                ("/v1/search", #"{"q": "x", "colour": 1}"#, "colour"),
                ("/v1/search", #"{"q": 5}"#, "q"),
                ("/v1/search", #"{"q": "x""#, "malformed"),
                ("/v1/search", "", "JSON body"),
                ("/v1/search", String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000), "deeper than 32"),
                (
                    "/v1/search",
                    #"{"q": "x", "filters": {"category": "#
                        + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}}", "deeper than 32"
                ),
            ]
            for (uri, body, word) in cases {
                let r = body == nil ? try await client.call(.get, uri) : try await client.call(.post, uri, json: body)
                #expect(r.status == .badRequest, "\(uri.prefix(60)) \(body ?? "") → \(r.status)")
                let message = (r.object["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains(word), "\(uri.prefix(60)): \(message)")
            }
            // The process keeps serving.
            #expect(try await client.call(.get, "/v1/search?q=\(q("女装"))").status == .ok)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await server.run { client in
            let big = #"{"q":"x","profile":""# + String(repeating: "a", count: 100_000) + #""}"#
            let r = try await client.call(.post, "/v1/search", json: big)
            #expect(r.status == .contentTooLarge)
            #expect(r.errorCode == "body_too_large")
        }
    }

    @Test func supplierSearchEndpoint() async throws {
        try await server.run { client in
            let r = try await client.call(.get, "/v1/suppliers/search?q=\(q("连衣裙 工厂直销"))&size=5&facets=belt,supplier_kind&explain=true")
            #expect(r.status == .ok)
            let o = r.object
            #expect(o["intent"] as? String == "bulk_wholesale" && o["profile"] as? String == "suppliers_bulk_wholesale")
            let suppliers = try #require(o["suppliers"] as? [[String: Any]])
            #expect(!suppliers.isEmpty && suppliers.count <= 5)
            #expect(Set(suppliers.map { $0["id"] as! String }).count == suppliers.count)
            for s in suppliers { #expect(!((s["offers"] as? [[String: Any]]) ?? []).isEmpty) }
            #expect(o["total_exact"] as? Bool == true)
            let bad = try await client.call(.get, "/v1/suppliers/search?q=x&profile=default")
            #expect(bad.status == .badRequest)
            // Every weight of the supplier profile is a feature /v1/features lists for suppliers.
            let features = try await client.call(.get, "/v1/features").object["features"] as! [[String: Any]]
            let supplierFeatures = Set(features.filter { $0["target"] as? String == "suppliers" }.map { $0["name"] as! String })
            let profile = try await client.call(.get, "/v1/profiles/suppliers_bulk_wholesale").object
            let weights = try #require(profile["weights"] as? [String: Any])
            #expect(!weights.isEmpty && Set(weights.keys).isSubset(of: supplierFeatures))
        }
    }

    @Test func unknownRoutesAndMethodsAreJSON() async throws {
        try await server.run { client in
            let r = try await client.call(.get, "/v2/everything")
            #expect(r.status == .notFound && r.errorCode == "not_found")
        }
    }
}
