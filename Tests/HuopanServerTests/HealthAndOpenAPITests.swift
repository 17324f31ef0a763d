import Foundation
import HTTPTypes
import Hummingbird
import HuopanServer
import HuopanTestSupport
import Testing
import Yams

@Suite struct HealthAndOpenAPITests {
    @Test func healthReadinessAndMetrics() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            #expect(try await client.call(.get, "/healthz").object["status"] as? String == "ok")
            let ready = try await client.call(.get, "/readyz").object
            #expect(ready["documents"] as? Int == 300 && ready["reindexing"] as? Bool == false)
            _ = try await client.call(.get, "/v1/search?q=x")
            _ = try await client.call(.get, "/v1/search?q=y")
            _ = try await client.call(.get, "/v1/search?q=x&size=999")
            _ = try await client.call(.get, "/v1/search?q=X")  // the same search as q=x: from the cache
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains(#"huopan_http_requests_total{route="/v1/search",method="GET",status="200"} 3"#))
            #expect(text.contains(#"huopan_http_requests_total{route="/v1/search",method="GET",status="400"} 1"#))
            #expect(text.contains("huopan_search_cache_hits_total 1") && text.contains("huopan_search_cache_misses_total 2"))
            #expect(text.contains("huopan_search_cache_entries 2"))
            #expect(text.contains(#"huopan_http_request_duration_seconds_bucket{route="/v1/search",method="GET""#))
            #expect(text.contains("huopan_index_documents 300"))
            #expect(text.contains("huopan_reindex_running"))
            // Every metric family is introduced by its help text.
            let lines = text.split(separator: "\n").map(String.init)
            let types = lines.indices.filter { lines[$0].hasPrefix("# TYPE ") }
            #expect(types.count >= 7)
            for i in types {
                let name = lines[i].split(separator: " ")[2]
                #expect(
                    i > 0 && lines[i - 1].hasPrefix("# HELP \(name) ") && lines[i - 1].count > "# HELP \(name) ".count + 10, "\(lines[i])")
            }
        }
    }

    /// Every route of the router is in openapi.yaml, and every documented route answers.
    @Test func openAPIMatchesTheRouter() async throws {
        let server = try TestServer.make(offers: 300)
        let router = buildRouter(service: server.service)
        let routes = Set(
            router.routes.map {
                "\($0.method.rawValue) /\($0.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/"))"
            })
        try await server.run { client in
            let r = try await client.call(.get, "/openapi.yaml")
            #expect(r.status == .ok)
            let doc = try #require(try Yams.load(yaml: r.text) as? [String: Any])
            #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
            // /openapi.json is the same document.
            let json = try await client.call(.get, "/openapi.json")
            let asJSON = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? NSDictionary)
            #expect(asJSON == (doc as NSDictionary))
            let paths = try #require(doc["paths"] as? [String: Any])
            var documented = Set<String>()
            for (path, item) in paths {
                for method in (item as! [String: Any]).keys where ["get", "put", "post", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            #expect(routes.subtracting(documented).isEmpty, "undocumented: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
            for entry in documented.sorted() {
                let parts = entry.split(separator: " ")
                let uri = String(parts[1]).replacingOccurrences(of: "{id}", with: "ofr-0000001")
                    .replacingOccurrences(of: "{name}", with: "default").replacingOccurrences(of: "{job}", with: "rx-1")
                    .replacingOccurrences(of: "{file}", with: parts[1].hasPrefix("/docs") ? "apidocs.js" : "console.js")
                let response = try await client.call(HTTPRequest.Method(String(parts[0]))!, uri)
                let message = (response.object["error"] as? [String: Any])?["message"] as? String
                #expect(response.status != .methodNotAllowed, "\(entry)")
                #expect(!(response.status == .notFound && message == "Not Found"), "\(entry) is not routed")
            }
        }
    }
}
