// Properties checked:
// - starting, stopping and concluding an experiment need the admin token; reports need an
//   operator token; search needs none;
// - a bad start body gets a 4xx naming the field (unknown field, share out of range, no
//   treatment, a treatment of the wrong type, an unknown control) and starts nothing;
// - a client in the experiment gets one mixed list with the arm of every hit, the same list
//   on every visit; a search without a client id, or on page 2, is the control's; the
//   draft's ranking cannot be asked for by its internal profile name, and the control cannot
//   be published while the experiment runs;
// - events on the mixed list are credited in GET /v1/experiments/{name}, which also lists
//   it under GET /v1/experiments; the profile history shows the start and the conclusion;
// - concluding without a decision is a 409 naming the p-value; naming the treatment
//   publishes it as the control's next version; a concluded experiment cannot be stopped.
import Foundation
import HuopanEval
import HuopanTestSupport
import Testing

@testable import HuopanServer

@Suite struct ExperimentEndpointTests {
    static let ingestToken = "test-ingest-token"

    @Test func anInterleavingExperimentFromStartToConclusion() async throws {
        let server = try TestServer.make(offers: 600) { $0.ingestTokens = ["shop": Self.ingestToken] }
        try await server.run { client in
            let admin = TestServer.token, olga = TestServer.operatorToken
            let start = #"{"name":"more-sales","control":"default","treatment":{"weights":{"sales":4}},"share":1}"#
            #expect(try await client.call(.post, "/v1/experiments", json: start).status == .unauthorized)
            #expect(try await client.call(.post, "/v1/experiments", json: start, token: olga).status == .forbidden)
            for (body, field) in [
                (#"{"name":"x","control":"default","treatment":"small_batch","colour":"red"}"#, "colour"),
                (#"{"name":"x","control":"default","treatment":"small_batch","share":2}"#, "share"),
                (#"{"name":"x","control":"default"}"#, "treatment"),
                (#"{"name":"x","control":"default","treatment":7}"#, "treatment"),
                (#"{"name":"x","control":"default","treatment":{"weights":{"sales":-1}}}"#, "treatment.weights"),
                (#"{"name":"x","control":"default","treatment":"small_batch","method":"coin"}"#, "method"),
            ] {
                let r = try await client.call(.post, "/v1/experiments", json: body, token: admin)
                #expect(r.status == .badRequest && r.text.contains(field), "\(body): \(r.text)")
            }
            #expect(
                try await client.call(.post, "/v1/experiments", json: #"{"name":"x","control":"nope","treatment":"default"}"#, token: admin)
                    .status == .notFound)
            #expect((try await client.call(.get, "/v1/experiments", token: olga).object["experiments"] as? [Any])?.isEmpty == true)

            let started = try await client.call(.post, "/v1/experiments", json: start, token: admin)
            #expect(started.status == .created && started.object["status"] as? String == "running")
            #expect(try await client.call(.post, "/v1/experiments", json: start, token: admin).status == .conflict)

            // A client in the experiment: one mixed list, arms named, the same on a second visit.
            let first = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=b1&size=10").object
            let exposure = try #require(first["experiment"] as? [String: Any])
            let teams = try #require(exposure["teams"] as? [String])
            let hits = (first["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(exposure["name"] as? String == "more-sales" && exposure["arm"] as? String == "interleaved")
            #expect(teams.count == hits.count && hits.count >= 4 && Set(teams) == ["control", "treatment"], "\(hits.count) hits, \(teams)")
            let again = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=b1&size=10").object
            #expect((again["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == hits)
            #expect(try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&size=10").object["experiment"] == nil)
            // The draft's cached ranking is not reachable by its internal name.
            let byName = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=b1&size=10&profile=experiment:more-sales")
            #expect(byName.status == .badRequest && byName.text.contains("unknown profile"), "\(byName.text)")
            // Nor can the control change while the experiment runs.
            let publish = try await client.call(
                .put, "/v1/profiles/default", json: #"{"name":"default","weights":{"text_bm25":1}}"#, token: admin)
            #expect(publish.status == .conflict && publish.text.contains("more-sales"))
            #expect(try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=b1&page=2&size=10").object["experiment"] == nil)

            // Twelve buyers, each clicking and ordering the first treatment pick.
            var events: [String] = []
            for i in 0..<12 {
                let s = try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=buyer\(i)&size=10").object
                let queryId = try #require(s["query_id"] as? String)
                let ids = (s["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                let arms = (s["experiment"] as? [String: Any])?["teams"] as? [String] ?? []
                let pick = try #require(zip(ids, arms).first { $0.1 == "treatment" }?.0)
                for action in ["click", "order"] {
                    events.append(
                        #"{"action_name":"\#(action)","query_id":"\#(queryId)","client_id":"buyer\#(i)","timestamp":"2026-12-01T10:00:00Z","event_attributes":{"object":{"object_id":"\#(pick)"}}}"#
                    )
                }
            }
            #expect(
                try await client.call(.post, "/v1/events", ndjson: events.joined(separator: "\n"), token: Self.ingestToken).status == .ok)
            #expect(try await client.call(.get, "/v1/experiments/more-sales").status == .unauthorized)
            let report = try await client.call(.get, "/v1/experiments/more-sales", token: olga).object
            let outcome = try #require(report["interleaving"] as? [String: Any])
            #expect(outcome["wins"] as? Int == 12 && outcome["losses"] as? Int == 0)
            #expect(report["impressions"] as? Int == 14 && report["decision"] as? String == "treatment_better")
            #expect((outcome["p_value"] as? Double ?? 1) < 0.001)
            let listed = try await client.call(.get, "/v1/experiments", token: olga).object["experiments"] as? [[String: Any]] ?? []
            #expect(listed.count == 1 && listed.first?["decision"] as? String == "treatment_better")
            #expect(try await client.call(.get, "/v1/experiments/nope", token: olga).status == .notFound)

            // The evidence names the treatment: conclude publishes it as default's next version.
            let concluded = try await client.call(.post, "/v1/experiments/more-sales/conclude", token: admin).object
            let published = try #require(concluded["published"] as? [String: Any])
            #expect(published["name"] as? String == "default" && published["experiment"] as? String == "more-sales")
            #expect(((published["profile"] as? [String: Any])?["weights"] as? [String: Any])?["sales"] as? Double == 4)
            #expect(try await client.call(.post, "/v1/experiments/more-sales/stop", token: admin).status == .conflict)
            let history = try await client.call(.get, "/v1/profiles/default/history", token: olga).object
            #expect(
                (history["experiments"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == [
                    "experiment_start", "experiment_conclude",
                ])
            #expect(try await client.call(.get, "/v1/search?q=\(q("连衣裙"))&client_id=b1&size=10").object["experiment"] == nil)

            // Without evidence, conclusion needs a named winner.
            let aa = #"{"name":"aa","control":"default","treatment":"default","method":"ab","share":0.5}"#
            #expect(try await client.call(.post, "/v1/experiments", json: aa, token: admin).status == .created)
            let undecided = try await client.call(.post, "/v1/experiments/aa/conclude", token: admin)
            #expect(undecided.status == .conflict && undecided.text.contains("p = "))
            let bad = try await client.call(.post, "/v1/experiments/aa/conclude", json: #"{"winner":"both"}"#, token: admin)
            #expect(bad.status == .badRequest && bad.text.contains("winner"))
            #expect(try await client.call(.post, "/v1/experiments/aa/stop", token: admin).status == .ok)
            let kept = try await client.call(.post, "/v1/experiments/aa/conclude", json: #"{"winner":"control"}"#, token: admin).object
            #expect((kept["experiment"] as? [String: Any])?["winner"] as? String == "control" && kept["published"] is NSNull)
        }
    }
}
