import Foundation
import HuopanEval
import Testing

/// Implicit judgments. Properties checked:
/// - position bias is corrected: an offer clicked at a low position as often as the top one
///   is graded above the top one (COEC), and an offer below the last click is not counted
///   as examined (SDBN);
/// - orders outrank clicks; offers shown fewer than min_impressions times are unjudged;
/// - qids are stable hashes of the normalised query text; sampling keeps the most searched
///   (top) and is reproducible (random, pps).
@Suite struct ImplicitJudgmentsTests {
    func search(_ id: String, _ query: String, hits: [String], first: Int = 1) -> UBIQuery {
        UBIQuery(
            queryId: id, clientId: nil, sessionId: nil, timestamp: "2026-12-01T00:00:00Z", userQuery: query,
            attributes: .init(
                analyzed: query, intent: nil, profile: "default", profileVersion: 1, channel: nil, total: 100,
                firstPosition: first, cached: false),
            hitIds: hits)
    }

    /// 100 searches of one query showing a…e; the top offer `a` gets 30 clicks, `d` at
    /// position 4 gets 30 clicks too, `e` at 5 is never clicked.
    func log() -> (searches: [UBIQuery], events: [UBIEvent]) {
        var searches: [UBIQuery] = [], events: [UBIEvent] = []
        for i in 0..<100 {
            searches.append(search("q\(i)", "Led 灯泡", hits: ["a", "b", "c", "d", "e"]))
            if i % 10 < 3 { events.append(UBIEvent(action: .click, queryId: "q\(i)", objectId: "a")) }
            if i % 10 >= 7 { events.append(UBIEvent(action: .click, queryId: "q\(i)", objectId: "d")) }
            if i % 10 == 9 { events.append(UBIEvent(action: .order, queryId: "q\(i)", objectId: "d")) }
        }
        events.append(UBIEvent(action: .click, queryId: "elsewhere", objectId: "a"))
        return (searches, events)
    }

    @Test func positionBiasIsCorrected() throws {
        let (searches, events) = log()
        let coec = ImplicitJudgments(model: .coec, minImpressions: 10).derive(searches: searches, events: events)
        let qid = ImplicitJudgments.qid(for: "led 灯泡")
        let evidence = Dictionary(uniqueKeysWithValues: coec.evidence.map { ($0.offerId, $0) })
        // ctr(1) = 0.3 and ctr(4) = 0.3 in this log, so both are clicked as often as expected…
        #expect(abs(evidence["a"]!.coec - 1) < 1e-9 && abs(evidence["d"]!.coec - 1) < 1e-9)
        // …but d is also ordered in 10% of its searches: grade 3 over a's 1.
        #expect(coec.qrels.grade(qid, "d") == 3 && coec.qrels.grade(qid, "a") == 1 && coec.qrels.grade(qid, "e") == 0)
        #expect(coec.unmatchedEvents == 1 && coec.searches == 100)

        let sdbn = ImplicitJudgments(model: .sdbn, minImpressions: 10).derive(searches: searches, events: events)
        let s = Dictionary(uniqueKeysWithValues: sdbn.evidence.map { ($0.offerId, $0) })
        // e sits below every last click: never examined. b is examined in all 60 clicked searches, never clicked.
        #expect(s["e"]!.attractiveness == 0 && s["b"]!.attractiveness == 0)
        #expect(abs(s["a"]!.attractiveness - 0.5) < 1e-9 && s["a"]!.satisfaction == 1)
        #expect(sdbn.qrels.grade(qid, "a") == 2 && sdbn.qrels.grade(qid, "d") == 3)
    }

    @Test func aRarelySeenOfferIsNotJudgedAndDeepPagesCountTheirPositions() {
        var (searches, events) = log()
        searches.append(search("deep", "led灯泡", hits: ["z"], first: 21))
        events.append(UBIEvent(action: .click, queryId: "deep", objectId: "z"))
        let r = ImplicitJudgments(minImpressions: 10).derive(searches: searches, events: events)
        #expect(r.qrels.grades[ImplicitJudgments.qid(for: "LED灯泡")]?["z"] == nil)
        let loose = ImplicitJudgments(minImpressions: 1).derive(searches: searches, events: events)
        // The only impression at position 21 was clicked: ctr(21) = 1, COEC 1.
        #expect(loose.evidence.first { $0.offerId == "z" }.map { abs($0.coec - 1) < 1e-9 } == true)
    }

    @Test func samplingKeepsTheMostSearchedAndIsReproducible() {
        var searches: [UBIQuery] = [], events: [UBIEvent] = []
        for (k, word) in ["a", "b", "c", "d", "e", "f"].enumerated() {
            for i in 0..<(10 * (k + 1)) {
                searches.append(search("\(word)\(i)", word, hits: ["o1", "o2"]))
                events.append(UBIEvent(action: .click, queryId: "\(word)\(i)", objectId: "o1"))
            }
        }
        let all = ImplicitJudgments(minImpressions: 5).derive(searches: searches, events: events)
        #expect(all.queries.count == 6)
        let top = ImplicitJudgments.sample(all, .top(2))
        #expect(Set(top.queries.map(\.query.query)) == ["e", "f"] && top.qrels.grades.count == 2)
        let r1 = ImplicitJudgments.sample(all, .random(3, seed: 9)), r2 = ImplicitJudgments.sample(all, .random(3, seed: 9))
        #expect(r1.queries.map(\.query.qid) == r2.queries.map(\.query.qid) && r1.queries.count == 3)
        let p1 = ImplicitJudgments.sample(all, .pps(3, seed: 4)), p2 = ImplicitJudgments.sample(all, .pps(3, seed: 4))
        #expect(p1.queries.map(\.query.qid) == p2.queries.map(\.query.qid) && p1.queries.count == 3)
        // Over many seeds, PPS picks the most searched query more often than the least searched.
        var picks: [String: Int] = [:]
        for seed in 0..<200 {
            for q in ImplicitJudgments.sample(all, .pps(1, seed: UInt64(seed))).queries { picks[q.query.query, default: 0] += 1 }
        }
        #expect((picks["f"] ?? 0) > 2 * (picks["a"] ?? 0))
    }
}
