import Foundation
import HummingbirdTesting
import HuopanEval
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct EvalEndpointTests {
    @Test func evaluatesPublishedAndDraftOnANamedSet() async throws {
        // A judged set of the test server's own catalog (the same generator, seed and size),
        // small enough for the low-priority operator thread on a busy test machine.
        let generator = Fixtures.generator(offers: 1_500, seed: 77)
        let generated = (0..<1_500).map { generator.offer($0) }
        let judged = JudgmentGenerator.generate(
            offers: generated.map(\.0), truth: Dictionary(uniqueKeysWithValues: generated.map { ($0.1.id, $0.1.productType) }),
            taxonomy: Fixtures.taxonomy, count: 24, seed: 5, minOffers: 2)
        let sets = TemporaryDirectory("judgments")
        try QuerySetFile.format(judged.queries).write(to: sets.path("test.queries.tsv"), atomically: true, encoding: .utf8)
        try judged.qrels.format().write(to: sets.path("test.qrels"), atomically: true, encoding: .utf8)
        let server = try TestServer.make(timeout: 60) { $0.judgmentsDir = sets.url.path }
        try await server.run { client in
            let draft = #"{"name":"d","weights":{"text_bm25":1}}"#
            let r = try await client.call(
                .post, "/v1/eval", json: #"{"set":"test","profile":"default","draft":\#(draft),"metrics":["ndcg@10","map"]}"#,
                token: TestServer.operatorToken)
            #expect(r.status == .ok, "\(r.text.prefix(300))")
            let o = r.object
            #expect(o["queries"] as? Int == 24)
            let published = (o["published"] as? [String: Any])?["means"] as? [String: Double]
            #expect((published?["ndcg@10"] ?? 0) > 0.3)
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
