import Foundation
import HuopanEval
import HuopanStorage
import HuopanTestSupport
import Testing

/// The behaviour log. Properties checked: after a restart it still knows the query ids of the
/// most recent searches (read from the newest segments back, across segment boundaries) and
/// only those; events for older ids are kept and counted as unknown.
@Suite struct BehaviourLogTests {
    let dir = TemporaryDirectory("behaviour")

    func query(_ i: Int) -> UBIQuery {
        UBIQuery(
            queryId: "q\(i)", clientId: "c", sessionId: nil, timestamp: "2026-12-01T00:00:00Z", userQuery: "连衣裙",
            attributes: .init(
                analyzed: "连衣裙", intent: nil, profile: "default", profileVersion: 1, channel: nil, total: 1, firstPosition: 1,
                cached: false),
            hitIds: ["o1"])
    }

    func event(_ queryId: String) -> String {
        #"{"action_name":"click","query_id":"\#(queryId)","timestamp":"2026-12-01T10:00:00Z","event_attributes":{"object":{"object_id":"o1"}}}"#
    }

    @Test func aRestartRemembersTheMostRecentQueryIds() throws {
        let limits = RotatingLog.Limits(segmentBytes: 2_048, maxBytes: 1 << 30)
        let first = try BehaviourLog(directory: dir.url, limits: limits)
        for i in 0..<60 { first.record(query(i)) }
        first.close()
        #expect(RotatingLog.segmentFiles(in: dir.url, name: "queries").count > 3)
        let again = try BehaviourLog(directory: dir.url, limits: limits, rememberedQueries: 25)
        let report = again.ingest(ndjson: Data([event("q59"), event("q35"), event("q34"), event("q0")].joined(separator: "\n").utf8))
        again.close()
        #expect(report.accepted == 4 && report.unknownQueryIds == 2)
        #expect(try BehaviourLog.read(directory: dir.url).events.count == 4)
    }
}
