// Properties checked, one per way a careless client or an attacker could hurt the service:
// - every list a request carries is capped with a 400 naming the field and the cap, cheaply;
// - a write is never cut off by the search deadline: it reports its real outcome, and an
//   upsert over its size cap is refused whole before anything is written;
// - evaluation and previews need an operator token and queue on their own bounded queue
//   (429 with Retry-After when full);
// - a reindex that yields no offers, or too many rejected lines, fails and changes nothing;
//   a failure after publishing never removes the generation now live;
// - chunked bodies over the limit get 413; job details and suggestions need a token; job ids
//   are random; a 500 says "internal error" with the request id and leaks no internals;
// - idle and half-sent connections are closed, and connections are capped;
// - the Bearer scheme is case-insensitive, token comparison does not truncate lengths,
//   out-of-range integers name their field, invalid UTF-8 in an offer is rejected by field.
import Foundation
import HTTPTypes
import HummingbirdTesting
import HuopanCatalog
import HuopanTestSupport
import NIOCore
import Testing

@testable import HuopanEngine
@testable import HuopanServer

@Suite struct HardeningTests {
    @Test func listsAreCappedWithTheFieldAndTheCap() async throws {
        // A deadline long enough for a 489 KB body on a loaded machine: the check is the 400, not the speed.
        let server = try TestServer.make(offers: 300, timeout: 30) { $0.maxJSONBytes = 1024 * 1024 }
        let categories = (0..<50_000).map { "\"c\($0)\"" }.joined(separator: ",")
        try await server.run { client in
            let r = try await client.call(.post, "/v1/search", json: #"{"q":"杯","filters":{"category":[\#(categories)]}}"#)
            #expect(r.status == .badRequest)
            #expect(r.text.contains("filters.category") && r.text.contains("at most 100"), "\(r.text)")
            let preview = try await client.call(
                .post, "/v1/profiles/default/preview",
                json: #"{"request":{"q":"杯","filters":{"region":[\#(categories)]}},"draft":{"name":"d","weights":{"sales":1}}}"#,
                token: TestServer.operatorToken)
            #expect(preview.status == .badRequest)
            #expect(preview.text.contains("request.filters.region"), "\(preview.text)")
            let facets = try await client.call(.post, "/v1/search", json: #"{"q":"杯","facets":["region","region"]}"#)
            #expect(facets.status == .badRequest && facets.text.contains("facets"))
            let words = (0..<60).map { "\($0)" }.joined(separator: " ")
            let long = try await client.call(.get, "/v1/search?q=\(q(words))")
            #expect(long.status == .badRequest && long.text.contains("at most 32"), "\(long.text)")
        }
    }

    @Test func aWriteIsNotCutOffByTheSearchDeadlineAndAnOversizedOneIsRefusedWhole() async throws {
        let server = try TestServer.make(offers: 300) {
            $0.requestTimeoutSeconds = 0.001
            $0.maxUpsertOffers = 300
        }
        // Small enough to finish within the test client's 20 s timeout on a loaded 2-core machine.
        let offers = (0..<300).map { Fixtures.offer("w-\($0)", title: "紫砂壶 茶具 \($0)") }
        let body = String(decoding: Fixtures.jsonl(offers), as: UTF8.self)
        try await server.run { client in
            let ok = try await client.call(.put, "/v1/offers", ndjson: body, token: TestServer.token)
            #expect(ok.status == .ok, "\(ok.text)")
            #expect(ok.object["upserted"] as? Int == 300)
            let more = body + String(decoding: Fixtures.jsonl([Fixtures.offer("w-extra", title: "多余 一件")]), as: UTF8.self)
            let refused = try await client.call(.put, "/v1/offers", ndjson: more, token: TestServer.token)
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains("max_upsert_offers"), "\(refused.text)")
        }
        #expect(try server.service.engine.offer(id: "w-extra", deadline: .none) == nil)
        #expect(try server.service.engine.offer(id: "w-299", deadline: .none) != nil)
    }

    @Test func operatorWorkNeedsATokenAndHasItsOwnBoundedQueue() async throws {
        let server = try TestServer.make(offers: 1_500) {
            $0.judgmentsDir = Fixtures.corpora.appendingPathComponent("judgments").path
            $0.operatorQueue = 1
        }
        try await server.run { client in
            #expect(try await client.call(.post, "/v1/eval", json: #"{"set":"test"}"#).status == .unauthorized)
            let preview = #"{"request":{"q":"杯"},"draft":{"name":"d","weights":{"sales":1}}}"#
            #expect(try await client.call(.post, "/v1/profiles/default/preview", json: preview).status == .unauthorized)
            #expect(
                try await client.call(.post, "/v1/profiles/default/preview", json: preview, token: TestServer.operatorToken).status == .ok)
            // An operator token cannot write.
            let publish = try await client.call(
                .put, "/v1/profiles/default", json: #"{"name":"default","weights":{"sales":1}}"#,
                token: TestServer.operatorToken)
            #expect(publish.status == .forbidden)
            // Four evaluations at once, each on its own connection.
            let port = try #require(client.port)
            let body = #"{"set":"test"}"#
            let request =
                "POST /v1/eval HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(TestServer.operatorToken)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
            let responses = try await RawConnection.offload {
                let connections = try (0..<4).map { _ in try RawConnection(port: port) }
                for c in connections { try c.send(request) }
                return connections.compactMap { HTTPResponseText($0.receive(timeout: 60).data) }
            }
            #expect(responses.count == 4)
            #expect(responses.contains { $0.status == 200 })
            let refused = responses.filter { $0.status == 429 }
            #expect(!refused.isEmpty, "\(responses.map(\.status))")
            #expect(refused.allSatisfy { $0.headers["retry-after"] != nil })
            // Searches are untouched by a full operator queue.
            #expect(try await client.call(.get, "/v1/search?q=\(q("杯"))").status == .ok)
        }
    }

    func waitForJob(_ client: some TestClientProtocol, _ id: String) async throws -> [String: Any] {
        var status: [String: Any] = [:]
        for _ in 0..<500 {
            status = try await client.call(.get, "/v1/reindex/\(id)", token: TestServer.operatorToken).object
            if ["succeeded", "failed"].contains(status["state"] as? String) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return status
    }

    @Test func aReindexOfBadLinesFailsAndChangesNothing() async throws {
        let server = try TestServer.make(offers: 400)
        let good = (0..<8).map { Fixtures.offer("g-\($0)", title: "保温杯 \($0)") }
        let goodLines = String(decoding: Fixtures.jsonl(good), as: UTF8.self)
        try await server.run { client in
            for (upload, expected) in [
                ("not json\n{\"id\":1}\n[]\n", "no offers"),
                (goodLines + "garbage\nmore garbage\n", "rejected"),
            ] {
                let start = try await client.call(.post, "/v1/reindex", ndjson: upload, token: TestServer.token)
                #expect(start.status == .accepted)
                let id = try #require(start.object["id"] as? String)
                #expect(id.range(of: "^rx-[0-9a-f]{32}$", options: .regularExpression) != nil, "\(id)")
                let status = try await waitForJob(client, id)
                #expect(status["state"] as? String == "failed", "\(status)")
                #expect((status["error"] as? String ?? "").contains(expected), "\(status)")
                #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 400)
            }
            // Within the allowed share (1 in 10 is not more than 10%) the rebuild goes through.
            let start = try await client.call(
                .post, "/v1/reindex",
                ndjson: goodLines + String(decoding: Fixtures.jsonl([Fixtures.offer("g-9", title: "杯")]), as: UTF8.self) + "garbage\n",
                token: TestServer.token)
            let status = try await waitForJob(client, try #require(start.object["id"] as? String))
            #expect(status["state"] as? String == "succeeded", "\(status)")
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 9)
        }
    }

    @Test func aFailureAfterPublishingKeepsTheNewGenerationLive() async throws {
        let server = try TestServer.make(offers: 300)
        server.service.engine.maintenance!.afterPublish.withLock {
            $0 = { throw MaintenanceError.unavailable("injected failure after publishing") }
        }
        let offers = (0..<20).map { Fixtures.offer("p-\($0)", title: "紫砂壶 \($0)") }
        try await server.run { client in
            let start = try await client.call(
                .post, "/v1/reindex", ndjson: String(decoding: Fixtures.jsonl(offers), as: UTF8.self),
                token: TestServer.token)
            let status = try await waitForJob(client, try #require(start.object["id"] as? String))
            #expect(status["state"] as? String == "succeeded", "\(status)")
            #expect((status["warnings"] as? [String] ?? []).contains { $0.contains("injected") }, "\(status)")
            #expect(try await client.call(.get, "/readyz").object["documents"] as? Int == 20)
            let found = try await client.call(.get, "/v1/search?q=\(q("紫砂壶"))")
            #expect(found.object["total"] as? Int == 20)
        }
        let current = try server.service.engine.index.layout.current()
        #expect(FileManager.default.fileExists(atPath: current.directory.path))
    }

    @Test func chunkedBodiesOverTheLimitGet413() async throws {
        let server = try TestServer.make(offers: 200)
        try await server.run { client in
            let port = try #require(client.port)
            for (method, path) in [("POST", "/v1/search"), ("PUT", "/v1/offers")] {
                // The server answers 413 and closes while the client is still sending; the
                // client's kernel may then meet a reset and drop the buffered answer. An
                // exchange that received nothing at all is tried again (at most 3 times).
                var data: [UInt8] = []
                for _ in 0..<3 where data.isEmpty {
                    data = try await exchange(method, path, port)
                }
                let response = try #require(HTTPResponseText(data), "\(method) \(path): \(data.count) bytes")
                #expect(response.status == 413, "\(method) \(path): \(response.status) \(response.body)")
            }
            #expect(try await client.call(.get, "/healthz").status == .ok)
        }

        @Sendable func exchange(_ method: String, _ path: String, _ port: Int) async throws -> [UInt8] {
            try await RawConnection.offload { () throws -> [UInt8] in
                let connection = try RawConnection(port: port)
                var request = "\(method) \(path) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(TestServer.token)\r\n"
                request += "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                try connection.send(request)
                let chunk = String(repeating: "x", count: 16 * 1024)
                // 9 MB: over both the JSON limit (64 KB) and the body limit (8 MB) of the test server.
                for _ in 0..<(9 * 64) {
                    do { try connection.send(String(format: "%x\r\n", chunk.utf8.count) + chunk + "\r\n") } catch { break }
                }
                return connection.receive(timeout: 10).data
            }
        }
    }

    @Test func jobDetailsAndSuggestionsNeedATokenAndErrorsLeakNothing() async throws {
        let server = try TestServer.make(offers: 200)
        try await server.run { client in
            let suggestion = try await client.call(.get, "/v1/profiles/default/suggestion")
            #expect(suggestion.status == .unauthorized)
            #expect(!suggestion.text.contains(server.directory.url.path))
            let withToken = try await client.call(.get, "/v1/profiles/default/suggestion", token: TestServer.operatorToken)
            #expect(withToken.status == .notFound && !withToken.text.contains(server.directory.url.path), "\(withToken.text)")
            let start = try await client.call(.post, "/v1/reindex", json: #"{"path":"catalog.jsonl"}"#, token: TestServer.token)
            let id = try #require(start.object["id"] as? String)
            #expect(try await client.call(.get, "/v1/reindex/\(id)").status == .unauthorized)
            _ = try await waitForJob(client, id)

            // A damaged index makes searches fail: the answer says "internal error" and
            // gives the request id, never Xapian's text with the index's paths.
            let current = try server.service.engine.index.layout.current().directory
            for table in ["postlist.glass", "termlist.glass", "docdata.glass", "record.glass"] {
                let path = current.appendingPathComponent("shard-000/\(table)").path
                if let handle = FileHandle(forWritingAtPath: path) {
                    try handle.write(contentsOf: Data(repeating: 0x5A, count: 64 * 1024))
                    try handle.close()
                }
            }
            server.service.engine.index.markChanged()
            let broken = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&facets=region")
            #expect(broken.status == .internalServerError, "\(broken.status) \(broken.text)")
            let error = try #require(broken.object["error"] as? [String: Any])
            #expect(error["message"] as? String == "internal error (request id \(error["request_id"] as? String ?? "?"))")
            #expect(!broken.text.contains(server.directory.url.path) && !broken.text.contains("Xapian") && !broken.text.contains("glass"))
        }
    }

    @Test func halfSentConnectionsAreClosed() async throws {
        let server = try TestServer.make(offers: 100) { $0.idleTimeoutSeconds = 0.5 }
        try await server.serve { port in
            let closed = try await RawConnection.offload { () throws -> Bool in
                let half = try RawConnection(port: port)
                try half.send("GET /v1/search?q=x HTTP/1.1\r\nHost: t\r\n")
                return half.receive(timeout: 10).closed
            }
            #expect(closed, "a connection that never finishes its header is closed")
        }
    }

    @Test func connectionsAreCapped() async throws {
        let server = try TestServer.make(offers: 100) {
            $0.idleTimeoutSeconds = 30
            $0.maxConnections = 3
        }
        try await server.serve { port in
            let (early, later) = try await RawConnection.offload { () throws -> ([UInt8], [UInt8]) in
                // Three connections reach the cap.
                let holders = try (0..<3).map { _ in try RawConnection(port: port) }
                for h in holders { try h.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"); _ = h.receive(timeout: 10) }
                let waiting = try RawConnection(port: port)
                try waiting.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
                let early = waiting.receive(timeout: 1).data
                // One holder goes; the waiting connection is then accepted and served.
                holders[0].close()
                return (early, waiting.receive(timeout: 15).data)
            }
            #expect(HTTPResponseText(early) == nil, "a connection over the cap waits")
            #expect(HTTPResponseText(early + later)?.status == 200)
        }
    }

    @Test func smallerEdges() async throws {
        #expect(!TokenRing.constantTimeEqual(Array("A".utf8), Array("A".utf8) + [UInt8](repeating: 0, count: 256)))
        #expect(TokenRing.constantTimeEqual(Array("same-token".utf8), Array("same-token".utf8)))
        let server = try TestServer.make(offers: 200)
        try await server.run { client in
            var headers: HTTPFields = [.authorization: "bearer \(TestServer.token)"]
            headers[.contentType] = "application/x-ndjson"
            let lower = try await client.execute(
                uri: "/v1/offers", method: .put, headers: headers,
                body: ByteBuffer(bytes: Fixtures.jsonl([Fixtures.offer("lc-1", title: "杯子")])))
            #expect(lower.status == .ok, "\(String(buffer: lower.body))")

            let huge = try await client.call(.post, "/v1/search", json: #"{"q":"杯","size":9223372036854775808}"#)
            #expect(huge.status == .badRequest)
            #expect(huge.text.contains("size: is out of range"), "\(huge.text)")

            var line = Array(String(decoding: Fixtures.jsonl([Fixtures.offer("utf-1", title: "杯子ABC")]), as: UTF8.self).utf8)
            let at = try #require(line.firstRange(of: Array("ABC".utf8)))
            line.replaceSubrange(at, with: [0xFF, 0xFE, 0x41])
            headers[.authorization] = "Bearer \(TestServer.token)"
            let invalid = try await client.execute(uri: "/v1/offers", method: .put, headers: headers, body: ByteBuffer(bytes: line))
            #expect(invalid.status == .badRequest)
            #expect(
                String(buffer: invalid.body).contains("title: malformed JSON") && String(buffer: invalid.body).contains("UTF-8"),
                "\(String(buffer: invalid.body))")
        }
    }
}

@Suite struct DeadlineEndpointTests {
    /// A search that cannot finish by its deadline answers 503 `timeout` with Retry-After.
    @Test func aSearchPastItsDeadlineIs503() async throws {
        let server = try TestServer.make(offers: 300) { $0.requestTimeoutSeconds = 0.000_001 }
        try await server.run { client in
            let r = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))")
            #expect(r.status == .serviceUnavailable)
            #expect(r.errorCode == "timeout")
            #expect(r.headers[.retryAfter] != nil)
            // Writes have their own, longer wait and are not cut off.
            let upsert = String(decoding: Fixtures.jsonl([Fixtures.offer("in-time", title: "紫砂壶")]), as: UTF8.self)
            #expect(try await client.call(.put, "/v1/offers", ndjson: upsert, token: TestServer.token).status == .ok)
        }
    }
}
