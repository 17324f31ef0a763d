import Foundation
import HummingbirdTesting
import HuopanCatalog
import HuopanCorpus
import HuopanServer
import HuopanTestSupport
import Synchronization
import Testing

@Suite struct ReindexTests {

    @Test func rebuildSwitchesAtomicallyWhileQueriesAnswerAndKeepsConcurrentUpserts() async throws {
        let server = try TestServer.make(offers: 1_000)
        let data = server.directory.path("data")
        try Fixtures.generator(offers: 15_000, seed: 78).write(catalog: data.appendingPathComponent("bigger.jsonl"), truth: nil)
        try await server.run { client in
            let start = try await client.call(.post, "/v1/reindex", json: #"{"path":"bigger.jsonl"}"#, token: TestServer.token)
            #expect(start.status == .accepted)
            let id = try #require(start.object["id"] as? String)
            #expect(start.headers[.location] == "/v1/reindex/\(id)")
            // A second rebuild while this one runs is refused.
            let second = try await client.call(.post, "/v1/reindex", json: #"{"path":"bigger.jsonl"}"#, token: TestServer.token)
            #expect(second.status == .conflict)
            // An upsert while the rebuild runs must survive the switch.
            let upsert = try await client.call(
                .put, "/v1/offers",
                ndjson: String(decoding: Fixtures.jsonl([Fixtures.offer("during-1", title: "砗磲摆件限定款xq")]), as: UTF8.self),
                token: TestServer.token)
            #expect(upsert.status == .ok)
            var queries = 0, failures = 0, sawRunning = false
            var last: [String: Any] = [:]
            // What readers see at each poll: (generation, documents), in order.
            var seen: [(Int, Int)] = []
            for _ in 0..<600 {
                let r = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&size=5")
                queries += 1
                if r.status != .ok { failures += 1 }
                let ready = try await client.call(.get, "/readyz").object
                seen.append((ready["generation"] as? Int ?? -1, ready["documents"] as? Int ?? -1))
                last = try await client.call(.get, "/v1/reindex/\(id)", token: TestServer.operatorToken).object
                let state = last["state"] as? String ?? ""
                if state == "running" { sawRunning = true }
                if state == "succeeded" || state == "failed" { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(sawRunning)
            #expect(last["state"] as? String == "succeeded", "\(last)")
            // Old or new, never anything in between, and never back to the old one.
            let oldState = seen[0]
            #expect(oldState.1 == 1_001, "the old generation with the upsert: \(oldState)")
            for (a, b) in zip(seen, seen.dropFirst()) {
                #expect(b == a || (a.0 == oldState.0 && b == (oldState.0 + 1, 15_001)), "\(a) -> \(b)")
            }
            let ready = try await client.call(.get, "/readyz").object
            #expect(ready["generation"] as? Int == oldState.0 + 1)
            #expect(seen.contains { $0.0 == oldState.0 + 1 } || ready["generation"] as? Int == oldState.0 + 1)
            #expect(failures == 0 && queries >= 2)
            #expect(last["offers"] as? Int == 15_000)
            #expect((last["replayed_writes"] as? Int ?? 0) >= 1)
            #expect(last["processed_lines"] as? Int == 15_000)
            #expect(ready["documents"] as? Int == 15_001)
            let found = try await client.call(.get, "/v1/search?q=\(q("砗磲摆件限定款xq"))")
            #expect((found.object["hits"] as? [[String: Any]])?.first?["id"] as? String == "during-1")
        }
    }

    @Test func pathsOutsideTheDataRootAreRefused() async throws {
        let server = try TestServer.make(offers: 200)
        try await server.run { client in
            for path in ["../index/current/manifest.json", "/etc/passwd", "../../../../etc/passwd"] {
                let r = try await client.call(.post, "/v1/reindex", json: #"{"path":"\#(path)"}"#, token: TestServer.token)
                #expect(r.status == .forbidden, "\(path)")
            }
            let missing = try await client.call(.post, "/v1/reindex", json: #"{"path":"nothing.jsonl"}"#, token: TestServer.token)
            #expect(missing.status == .badRequest)
            let unknownField = try await client.call(.post, "/v1/reindex", json: #"{"file":"catalog.jsonl"}"#, token: TestServer.token)
            #expect(unknownField.status == .badRequest)
            #expect(try await client.call(.get, "/v1/reindex/rx-nope", token: TestServer.operatorToken).status == .notFound)
        }
    }

    @Test func uploadedCatalogReportsRejectedLines() async throws {
        let server = try TestServer.make(offers: 200)
        let offers = (0..<30).map { Fixtures.offer("up-\($0)", title: "保温杯 \($0)") }
        var lines = String(decoding: Fixtures.jsonl(offers), as: UTF8.self).split(separator: "\n").map(String.init)
        lines.insert(
            #"{"id":"broken","title":"杯","category":["a"],"supplier":{"id":"s","name":"n","kind":"factory"},"price_tiers":[{"min_qty":1,"unit_price":-3}],"moq":1}"#,
            at: 4)
        let upload = lines.joined(separator: "\n")
        try await server.run { client in
            let start = try await client.call(.post, "/v1/reindex", ndjson: upload, token: TestServer.token)
            #expect(start.status == .accepted)
            let id = try #require(start.object["id"] as? String)
            var status: [String: Any] = [:]
            for _ in 0..<300 {
                status = try await client.call(.get, "/v1/reindex/\(id)", token: TestServer.operatorToken).object
                if ["succeeded", "failed"].contains(status["state"] as? String) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(status["state"] as? String == "succeeded")
            #expect(status["offers"] as? Int == 30)
            let rejected = try #require(status["rejected"] as? [[String: Any]])
            #expect(rejected.count == 1)
            #expect(rejected[0]["line"] as? Int == 5 && rejected[0]["field"] as? String == "price_tiers[0].unit_price")
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 30)
        }
    }

    func waitForJob(_ client: some TestClientProtocol, _ id: String) async throws -> [String: Any] {
        var status: [String: Any] = [:]
        for _ in 0..<1_000 {
            status = try await client.call(.get, "/v1/reindex/\(id)", token: TestServer.operatorToken).object
            if ["succeeded", "failed"].contains(status["state"] as? String) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return status
    }

    /// Deletes and upserts made while a rebuild runs are replayed into the new generation:
    /// an offer deleted meanwhile stays deleted though the new catalog has it.
    @Test func deletesDuringARebuildAreReplayed() async throws {
        let server = try TestServer.make(offers: 500)
        let data = server.directory.path("data")
        try Fixtures.generator(offers: 12_000, seed: 77).write(catalog: data.appendingPathComponent("bigger.jsonl"), truth: nil)
        try await server.run { client in
            let start = try await client.call(.post, "/v1/reindex", json: #"{"path":"bigger.jsonl"}"#, token: TestServer.token)
            let id = try #require(start.object["id"] as? String)
            // ofr-0000007 is in the old index and in the new catalog (same seed, a longer prefix).
            #expect(try await client.call(.delete, "/v1/offers/ofr-0000007", token: TestServer.token).status == .ok)
            let status = try await waitForJob(client, id)
            #expect(status["state"] as? String == "succeeded", "\(status)")
            #expect((status["replayed_writes"] as? Int ?? 0) >= 1)
            #expect(try await client.call(.get, "/v1/offers/ofr-0000007").status == .notFound)
            #expect(try await client.call(.get, "/v1/offers/ofr-0000008").status == .ok)
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 11_999)
        }
    }

    /// After a failed rebuild the server writes and rebuilds as before, and writes made
    /// during the failed one are not replayed into a later one twice or lost.
    @Test func aFailedRebuildLeavesWritesAndLaterRebuildsWorking() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.run { client in
            let failed = try await client.call(.post, "/v1/reindex", ndjson: "garbage\nmore garbage\n", token: TestServer.token)
            let upsert = String(decoding: Fixtures.jsonl([Fixtures.offer("after-fail", title: "砗磲摆件 失败之后xq")]), as: UTF8.self)
            #expect(try await client.call(.put, "/v1/offers", ndjson: upsert, token: TestServer.token).status == .ok)
            #expect(try await waitForJob(client, try #require(failed.object["id"] as? String))["state"] as? String == "failed")
            #expect(try await client.call(.get, "/v1/offers/after-fail").status == .ok)
            #expect(try await client.call(.delete, "/v1/offers/after-fail", token: TestServer.token).status == .ok)
            let again = try await client.call(.post, "/v1/reindex", json: #"{"path":"catalog.jsonl"}"#, token: TestServer.token)
            let status = try await waitForJob(client, try #require(again.object["id"] as? String))
            #expect(status["state"] as? String == "succeeded", "\(status)")
            #expect(status["replayed_writes"] as? Int == 0)
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 300)
            #expect(try await client.call(.get, "/v1/offers/after-fail").status == .notFound)
        }
    }
}
