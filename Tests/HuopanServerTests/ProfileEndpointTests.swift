import Foundation
import HummingbirdTesting
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct ProfileEndpointTests {
    func ids(_ r: TestResponse) -> [String] { (r.object["hits"] as? [[String: Any]] ?? []).map { $0["id"] as! String } }

    static let priceOnly =
        #"{"name":"default","description":"cheapest first","weights":{"text_bm25":0.01,"price_at_qty":50},"window":500,"exposure":{"enabled":false}}"#

    @Test func publishChangesRankingAtOnceAndRollbackRestoresIt() async throws {
        let server = try TestServer.make()
        try await server.run { client in
            let query = "/v1/search?q=\(q("女装"))&size=10&profile=default"
            let before = ids(try await client.call(.get, query))
            let put = try await client.call(.put, "/v1/profiles/default", json: Self.priceOnly, token: TestServer.token)
            #expect(put.status == .ok)
            #expect(put.object["version"] as? Int == 2 && put.object["author"] as? String == "alice")
            let during = try await client.call(.get, query + "&explain=true")
            #expect(ids(during) != before)
            let prices = (during.object["hits"] as! [[String: Any]]).map { $0["price_at_qty"] as! Double }
            #expect(prices == prices.sorted())
            let back = try await client.call(.post, "/v1/profiles/default/rollback", token: TestServer.token)
            #expect(back.status == .ok)
            #expect(back.object["version"] as? Int == 3 && back.object["restored_version"] as? Int == 1)
            #expect(ids(try await client.call(.get, query)) == before)
            let history =
                try await client.call(.get, "/v1/profiles/default/history", token: TestServer.operatorToken).object["versions"]
                as! [[String: Any]]
            #expect(history.map { $0["action"] as! String } == ["seed", "publish", "rollback"])
            #expect(history.allSatisfy { ($0["at"] as? String)?.isEmpty == false })
            #expect(history[1]["author"] as? String == "alice")
        }
        // The history survives a restart.
        await server.service.shutdown()
        let again = try HuopanService.open(server.service.configuration, logger: server.service.logger)
        #expect(again.engine.profiles.history("default").count == 3)
        await again.shutdown()
    }

    @Test func invalidProfilesAreRefusedWithTheirField() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            let unknown = try await client.call(
                .put, "/v1/profiles/default", json: #"{"name":"default","weights":{"salez":1}}"#, token: TestServer.token)
            #expect(unknown.status == .unprocessableContent)
            #expect(
                (unknown.object["error"] as! [String: Any])["message"] as! String == "weights.salez: unknown feature (known: "
                    + "text_bm25, text_phrase, head_word, category_match, sales, buyers, repurchase, rating, ship_72h, reply_rate, reply_speed, low_disputes, low_returns, price_at_qty, moq_fit, capacity_fit, dropship, customization, freshness, source_factory)"
            )
            let negative = try await client.call(
                .put, "/v1/profiles/default", json: #"{"name":"default","weights":{"sales":-1}}"#, token: TestServer.token)
            #expect(negative.status == .unprocessableContent)
            let mismatch = try await client.call(
                .put, "/v1/profiles/default", json: #"{"name":"other","weights":{"sales":1}}"#, token: TestServer.token)
            #expect(mismatch.status == .badRequest)
            let malformed = try await client.call(.put, "/v1/profiles/default", json: #"{"name":"#, token: TestServer.token)
            #expect(malformed.status == .badRequest)
            // Nothing was published by any of these.
            #expect(try await client.call(.get, "/v1/profiles/default").object["version"] as? Int == 1)
            #expect(try await client.call(.get, "/v1/profiles/nope").status == .notFound)
            let nothing = try await client.call(.post, "/v1/profiles/default/rollback", token: TestServer.token)
            #expect(nothing.status == .conflict)
        }
    }

    @Test func previewRanksADraftBesideThePublishedProfile() async throws {
        let server = try TestServer.make(timeout: 60)
        try await server.run { client in
            let body = #"{"request":{"q":"女装","size":10},"draft":\#(Self.priceOnly)}"#
            let r = try await client.call(.post, "/v1/profiles/default/preview", json: body, token: TestServer.operatorToken)
            #expect(r.status == .ok)
            let published = r.object["published"] as! [String: Any]
            let current = try await client.call(.get, "/v1/search?q=\(q("女装"))&size=10&profile=default")
            #expect((published["hits"] as! [[String: Any]]).map { $0["id"] as! String } == ids(current))
            let moves = r.object["moves"] as! [[String: Any]]
            #expect(moves.contains { ["up", "down", "new", "gone"].contains($0["change"] as! String) })
            // Nothing changed for real.
            #expect(try await client.call(.get, "/v1/profiles/default").object["version"] as? Int == 1)
            let bad = try await client.call(
                .post, "/v1/profiles/default/preview", json: #"{"request":{"q":"x"},"draft":{"name":"d","weights":{"x":1}}}"#,
                token: TestServer.operatorToken)
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func whatGetReturnsPutTakesBackAndAStaleVersionIsRefused() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            let got = try await client.call(.get, "/v1/profiles/default")
            #expect(got.status == .ok)
            #expect(got.object["name"] as? String == "default" && got.object["version"] as? Int == 1)
            #expect(got.object["weights"] is [String: Any] && got.object["profile"] == nil)
            // Sent back unchanged (with its version and date): published as version 2.
            let back = try await client.call(.put, "/v1/profiles/default", json: got.text, token: TestServer.token)
            #expect(back.status == .ok)
            #expect(back.object["version"] as? Int == 2)
            // The same body again still says version 1: someone published since.
            let stale = try await client.call(.put, "/v1/profiles/default", json: got.text, token: TestServer.token)
            #expect(stale.status == .conflict)
            #expect(try await client.call(.get, "/v1/profiles/default").object["version"] as? Int == 2)
        }
    }

    @Test func draftsMayNameOnlyWhatTheyChange() async throws {
        // Previews run on the low-priority operator threads, which a busy test machine starves.
        let server = try TestServer.make(timeout: 60)
        try await server.run { client in
            let partial = #"{"request":{"q":"女装","size":10},"draft":{"weights":{"text_bm25":0.01,"price_at_qty":50}}}"#
            let r = try await client.call(.post, "/v1/profiles/default/preview", json: partial, token: TestServer.operatorToken)
            #expect(r.status == .ok)
            let published = ((r.object["published"] as! [String: Any])["hits"] as! [[String: Any]]).map { $0["id"] as! String }
            // A merge patch: the same change written in full and in part ranks the same.
            let whole = try await client.call(
                .post, "/v1/profiles/default/preview", json: #"{"request":{"q":"女装","size":10},"draft":\#(Self.priceOnly)}"#,
                token: TestServer.operatorToken)
            let sameAsWhole = try await client.call(
                .post, "/v1/profiles/default/preview",
                json:
                    #"{"request":{"q":"女装","size":10},"draft":{"weights":{"text_bm25":0.01,"price_at_qty":50},"window":500,"exposure":{"enabled":false}}}"#,
                token: TestServer.operatorToken)
            #expect(ids(sameAsWhole) == ids(whole))
            let ids = { (r: TestResponse) in ((r.object["draft"] as! [String: Any])["hits"] as! [[String: Any]]).map { $0["id"] as! String }
            }
            #expect(ids(r) != published && !ids(r).isEmpty)
            let wrongType = try await client.call(
                .post, "/v1/profiles/default/preview", json: #"{"request":{"q":"x"},"draft":{"weights":{"sales":"lots"}}}"#,
                token: TestServer.operatorToken)
            #expect(wrongType.status == .unprocessableContent)
        }
    }
}
