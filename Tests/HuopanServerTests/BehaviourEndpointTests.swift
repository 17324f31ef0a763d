// Properties checked:
// - every search response carries a fresh query_id, also when it comes from the cache;
//   client_id and session_id are accepted in GET and POST and validated by name;
// - the search log records each search in UBI's query shape (ids, analyzed query, profile
//   and version, the hits in order at their positions) and nothing is lost on shutdown;
// - POST /v1/events keeps good lines, lists bad ones with line, field and reason, counts
//   unknown query ids, needs an ingest (or admin) token, and refuses an all-bad upload;
// - GET /v1/judgments/implicit grades an offer buyers click and order above one they skip,
//   in JSON, as TREC qrels and as a query set.
import Foundation
import HuopanEval
import HuopanTestSupport
import Testing

@testable import HuopanServer

@Suite struct BehaviourEndpointTests {
    static let ingestToken = "test-ingest-token"

    func server() throws -> TestServer {
        try TestServer.make(offers: 600) { $0.ingestTokens = ["shop": Self.ingestToken] }
    }

    func event(_ action: String, _ queryId: String, _ offer: String, ordinal: Int? = nil, client: String = "c1") -> String {
        var attributes = #"{"object":{"object_id":"\#(offer)"}"#
        if let ordinal { attributes += #","position":{"ordinal":\#(ordinal)}"# }
        attributes += "}"
        return
            #"{"action_name":"\#(action)","query_id":"\#(queryId)","client_id":"\#(client)","timestamp":"2026-12-01T10:00:00Z","event_attributes":\#(attributes)}"#
    }

    @Test func searchesAreLoggedWithTheirQueryIds() async throws {
        let server = try server()
        let texts = try await server.run { client in
            let a = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=c1&session_id=s1&size=5").text
            let b = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=c2&size=5").text
            let p = try await client.call(.post, "/v1/search", json: #"{"q":"连衣裙","client_id":"c3","session_id":"s3","page":2,"size":2}"#)
                .text
            let bad = try await client.call(.get, "/v1/search?q=x&client_id=\(q("有 空格"))")
            #expect(bad.status == .badRequest && bad.text.contains("client_id"))
            let badPost = try await client.call(.post, "/v1/search", json: #"{"q":"x","session_id":7}"#)
            #expect(badPost.status == .badRequest && badPost.text.contains("session_id"))
            return [a, b, p]
        }
        let objects = texts.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
        let (first, second, post) = (objects[0], objects[1], objects[2])
        let ids = [first, second, post].compactMap { $0["query_id"] as? String }
        #expect(ids.count == 3 && Set(ids).count == 3)
        await server.service.shutdown()
        let (searches, _) = try BehaviourLog.read(directory: server.directory.path("state").appendingPathComponent("behaviour"))
        #expect(searches.map(\.queryId) == ids)
        let logged = try #require(searches.first)
        #expect(logged.clientId == "c1" && logged.sessionId == "s1" && logged.userQuery == "连衣裙")
        #expect(logged.queryResponseHitIds == (first["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        #expect(logged.queryAttributes.profile == first["profile"] as? String && logged.queryAttributes.profileVersion == 1)
        #expect(!logged.queryAttributes.cached && searches[1].queryAttributes.cached)
        #expect(searches[2].queryAttributes.firstPosition == 3 && searches[2].sessionId == "s3")
        try #require(searches[2].queryResponseHitIds.count == 2)
        #expect(searches[2].position(of: searches[2].queryResponseHitIds[1]) == 4)
    }

    @Test func eventsAreCheckedLineByLineAndNeedAnIngestToken() async throws {
        let server = try server()
        try await server.run { client in
            let search = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&size=5").object
            let queryId = try #require(search["query_id"] as? String)
            let offer = try #require((search["hits"] as? [[String: Any]])?.first?["id"] as? String)
            let body = [
                event("click", queryId, offer, ordinal: 1),
                #"{"action_name":"like","query_id":"\#(queryId)","timestamp":"2026-12-01T10:00:00Z","event_attributes":{"object":{"object_id":"x"}}}"#,
                "",
                #"{"action_name":"click","query_id":"\#(queryId)","timestamp":"yesterday","event_attributes":{"object":{"object_id":"x"}}}"#,
                event("order", "no-such-query", offer),
                #"{"action_name":"click","query_id":"\#(queryId)","timestamp":"2026-12-01T10:00:00Z","event_attributes":{"object":{}}}"#,
                "not json",
                #"{"action_name":"click","query_id":"\#(queryId)","timestamp":"2026-12-01T10:00:00Z","colour":"red","event_attributes":{"object":{"object_id":"x"}}}"#,
            ].joined(separator: "\n")
            #expect(try await client.call(.post, "/v1/events", ndjson: body).status == .unauthorized)
            #expect(try await client.call(.post, "/v1/events", ndjson: body, token: TestServer.operatorToken).status == .forbidden)
            let answer = try await client.call(.post, "/v1/events", ndjson: body, token: Self.ingestToken)
            #expect(answer.status == .ok)
            let o = answer.object
            #expect(o["accepted"] as? Int == 2 && o["unknown_query_ids"] as? Int == 1)
            let rejected = (o["rejected"] as? [[String: Any]] ?? []).map { "\($0["line"] ?? "") \($0["field"] ?? "")" }
            #expect(
                rejected == [
                    "2 action_name", "4 timestamp", "6 event_attributes.object.object_id", "7 ", "8 colour",
                ])
            let allBad = try await client.call(.post, "/v1/events", ndjson: "not json\n{}", token: TestServer.token)
            #expect(allBad.status == .badRequest && allBad.errorCode == "invalid_events" && allBad.text.contains("line 1"))
        }
    }

    @Test func implicitJudgmentsRankWhatBuyersChoseAboveWhatTheySkipped() async throws {
        let server = try server()
        try await server.run { client in
            var events: [String] = []
            var shown: [String] = []
            for i in 0..<12 {
                let search = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&size=5&client_id=c\(i)").object
                let queryId = try #require(search["query_id"] as? String)
                shown = (search["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                try #require(shown.count == 5)
                // Buyers skip the first hit and click and order the fourth; the first is clicked once in a while.
                events.append(event("click", queryId, shown[3], ordinal: 4, client: "c\(i)"))
                events.append(event("order", queryId, shown[3], ordinal: 4, client: "c\(i)"))
                if i % 6 == 0 { events.append(event("click", queryId, shown[0], ordinal: 1, client: "c\(i)")) }
            }
            let ingested = try await client.call(.post, "/v1/events", ndjson: events.joined(separator: "\n"), token: Self.ingestToken)
            #expect(ingested.object["accepted"] as? Int == events.count)
            #expect(try await client.call(.get, "/v1/judgments/implicit").status == .unauthorized)
            for model in ["coec", "sdbn"] {
                let answer = try await client.call(
                    .get, "/v1/judgments/implicit?model=\(model)&min_impressions=5", token: TestServer.operatorToken)
                #expect(answer.status == .ok)
                let judgments = answer.object["judgments"] as? [[String: Any]] ?? []
                func grade(_ id: String) -> Int? { judgments.first { $0["offer_id"] as? String == id }?["grade"] as? Int }
                #expect(grade(shown[3]) == 3, "\(model)")
                #expect((grade(shown[0]) ?? 9) < 2, "\(model)")
                #expect(grade(shown[4]) == 0, "\(model)")
                #expect(answer.object["searches"] as? Int == 12)
            }
            let qrels = try await client.call(
                .get, "/v1/judgments/implicit?format=qrels&min_impressions=5", token: TestServer.operatorToken)
            let parsed = try Qrels.parse(qrels.text)
            let qid = ImplicitJudgments.qid(for: "连衣裙")
            #expect(parsed.grade(qid, shown[3]) == 3 && parsed.grades[qid]?.count == 5)
            let queries = try await client.call(
                .get, "/v1/judgments/implicit?format=queries&min_impressions=5", token: TestServer.operatorToken)
            #expect(try QuerySetFile.parse(queries.text).map(\.qid) == [qid])
            let unknown = try await client.call(.get, "/v1/judgments/implicit?model=dbn", token: TestServer.operatorToken)
            #expect(unknown.status == .badRequest && unknown.text.contains("model"))
        }
    }
}
