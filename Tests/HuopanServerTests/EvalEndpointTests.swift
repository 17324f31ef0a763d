import Foundation
import HummingbirdTesting
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct EvalEndpointTests {
    @Test func evaluatesPublishedAndDraftOnANamedSet() async throws {
        // The committed judged sets belong to the committed sample catalog.
        var server = try TestServer.make(offers: 200)
        var config = server.service.configuration
        config.bootstrapCatalog = Fixtures.corpora.appendingPathComponent("sample/offers.jsonl").path
        config.db = server.directory.path("sample-index").path
        server = TestServer(directory: server.directory, service: try HuopanService.open(config, logger: server.service.logger))
        try await server.run { client in
            let draft = #"{"name":"d","weights":{"text_bm25":1}}"#
            let r = try await client.call(
                .post, "/v1/eval", json: #"{"set":"test","profile":"default","draft":\#(draft),"metrics":["ndcg@10","map"]}"#,
                token: TestServer.operatorToken)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            let o = r.object
            #expect(o["queries"] as? Int == 199)
            let published = (o["published"] as? [String: Any])?["means"] as? [String: Double]
            #expect((published?["ndcg@10"] ?? 0) > 0.9)
            let rows = ((o["comparison"] as? [String: Any])?["rows"] as? [[String: Any]]) ?? []
            #expect(rows.map { $0["metric"] as! String } == ["ndcg@10", "map"])
            #expect(rows.allSatisfy { ($0["p_value"] as! Double) > 0 && ($0["p_value"] as! Double) <= 1 })
            #expect(try await client.call(.post, "/v1/eval", json: #"{"set":"nope"}"#, token: TestServer.operatorToken).status == .notFound)
            #expect(
                try await client.call(.post, "/v1/eval", json: #"{"set":"../etc"}"#, token: TestServer.operatorToken).status == .badRequest)
            #expect(
                try await client.call(.post, "/v1/eval", json: #"{"set":"test","metrics":["bogus"]}"#, token: TestServer.operatorToken)
                    .status == .badRequest)
            #expect(
                try await client.call(
                    .post, "/v1/eval", json: #"{"set":"test","draft":{"name":"d","weights":{"zz":1}}}"#, token: TestServer.operatorToken
                ).status == .unprocessableContent)
            #expect(try await client.call(.get, "/v1/profiles/default/suggestion", token: TestServer.operatorToken).status == .notFound)
        }
    }
}
