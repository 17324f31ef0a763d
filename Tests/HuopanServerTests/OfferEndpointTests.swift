import Foundation
import HummingbirdTesting
import HuopanCatalog
import HuopanIndex
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct OfferEndpointTests {
    @Test func upsertIsSearchableByTheVeryNextQueryAndDeleteRemoves() async throws {
        let server = try TestServer.make(offers: 500)
        try await server.run { client in
            let good = String(
                decoding: Fixtures.jsonl([
                    Fixtures.offer("new-1", title: "紫砂壶 功夫茶具 新品"),
                    Fixtures.offer("new-2", title: "紫砂壶 手工"),
                ]), as: UTF8.self)
            let body = good + #"{"id":"bad","title":"x"}"# + "\n"
            let put = try await client.call(.put, "/v1/offers", ndjson: body, token: TestServer.token)
            #expect(put.status == .ok)
            #expect(put.object["upserted"] as? Int == 2)
            let rejected = try #require(put.object["rejected"] as? [[String: Any]])
            #expect(rejected.count == 1 && rejected[0]["line"] as? Int == 3 && rejected[0]["field"] as? String == "category")
            // No waiting: the next query after the acknowledgement already sees the writes (the
            // "within one second" promise is measured in Tools/bench/http.sh, not timed here).
            let found = try await client.call(.get, "/v1/search?q=\(q("紫砂壶"))")
            #expect(Set((found.object["hits"] as! [[String: Any]]).map { $0["id"] as! String }) == ["new-1", "new-2"])
            let one = try await client.call(.get, "/v1/offers/new-1")
            #expect(one.object["title"] as? String == "紫砂壶 功夫茶具 新品")

            #expect(try await client.call(.delete, "/v1/offers/new-1", token: TestServer.token).status == .ok)
            #expect(try await client.call(.delete, "/v1/offers/new-1", token: TestServer.token).status == .notFound)
            #expect(try await client.call(.get, "/v1/offers/new-1").status == .notFound)
            let after = try await client.call(.get, "/v1/search?q=\(q("紫砂壶"))")
            #expect((after.object["hits"] as! [[String: Any]]).map { $0["id"] as! String } == ["new-2"])

            let allBad = try await client.call(.put, "/v1/offers", ndjson: "{oops\n", token: TestServer.token)
            #expect(allBad.status == .badRequest && allBad.errorCode == "invalid_offers")
        }
        // Durable: after the server closes, a fresh reader sees the writes.
        await server.service.shutdown()
        let reopened = try OfferIndex(root: URL(fileURLWithPath: server.service.configuration.db))
        #expect(try reopened.withDatabase { try $0.docid(forTerm: "Qnew-2") } != nil)
        #expect(try reopened.withDatabase { try $0.docid(forTerm: "Qnew-1") } == nil)
    }

    @Test func theCatalogPagesByCursorWithoutRepeatsOrGaps() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            var ids: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let r = try await client.call(.get, "/v1/offers?size=70" + (after.map { "&after=\($0)" } ?? ""))
                #expect(r.status == .ok)
                let offers = r.object["offers"] as? [[String: Any]] ?? []
                ids += offers.map { $0["id"] as! String }
                after = r.object["next"] as? String
                pages += 1
                // A delete while paging removes that offer only; nothing repeats or is skipped.
                if pages == 2 {
                    #expect(try await client.call(.delete, "/v1/offers/\(ids[0])", token: TestServer.token).status == .ok)
                }
            } while after != nil && pages < 10
            #expect(pages == 5)
            #expect(ids.count == 300 && Set(ids).count == 300)
            #expect(ids == ids.sorted())
            let bad = try await client.call(.get, "/v1/offers?size=0")
            #expect(bad.status == .badRequest && bad.text.contains("size"))
            let unknown = try await client.call(.get, "/v1/offers?from=3")
            #expect(unknown.status == .badRequest && unknown.text.contains("from: unknown parameter"))
        }
    }
}
