import Foundation
import HuopanEval
import HuopanRanking
import Testing

/// Experiment reports. Properties checked:
/// - the sign test's p-values are the exact binomial ones worked by hand, and symmetric;
/// - interleaving credit goes to the team that contributed the offer, deeper actions
///   outweigh clicks, equal credit is a tie and no action is no evidence; searches of other
///   experiments are ignored; per-intent slices and the timeline add up;
/// - an A/B split compares credit per search by arm.
@Suite struct ExperimentReportTests {
    @Test func signTestMatchesTheBinomialByHand() {
        // 9 wins, 1 loss: 2 · (C(10,0) + C(10,1)) / 2^10.
        #expect(abs(Significance.signTest(wins: 9, losses: 1) - 22.0 / 1024) < 1e-12)
        #expect(Significance.signTest(wins: 1, losses: 9) == Significance.signTest(wins: 9, losses: 1))
        #expect(Significance.signTest(wins: 5, losses: 5) == 1)
        #expect(Significance.signTest(wins: 0, losses: 0) == 1)
        // Large n: exact and normal agree to a few parts in a thousand.
        let exact = Significance.signTest(wins: 5_100, losses: 4_900)
        #expect(abs(exact - 0.0466) < 0.002)
        #expect(abs(Significance.normalCDF(1.959_963_985) - 0.975) < 1e-6)
        #expect(Significance.samplesNeeded(effect: 0.1, sd: 0.5) == 197)
        // Wilson at 24 of 24: the lower end is n / (n + z²), not the normal interval's 1.
        let w = Significance.wilson(1, n: 24)
        #expect(abs(w.low - 24 / (24 + Significance.z95 * Significance.z95)) < 1e-9 && w.high == 1)
    }

    func search(
        _ id: String, _ hits: [String], teams: [String]?, arm: String = "interleaved", experiment: String = "x", intent: String? = nil
    )
        -> UBIQuery
    {
        UBIQuery(
            queryId: id, clientId: "c", sessionId: nil, timestamp: "2026-12-01T00:00:\(id.suffix(2))Z", userQuery: "杯子",
            attributes: .init(
                analyzed: "杯子", intent: intent, profile: "default", profileVersion: 1, channel: nil, total: 10, firstPosition: 1,
                cached: false, experiment: ExperimentExposure(name: experiment, arm: arm, teams: teams)),
            hitIds: hits)
    }

    @Test func creditGoesToTheTeamThatPickedTheOffer() {
        let teams = ["control", "treatment", "control", "treatment"]
        let hits = ["a", "b", "c", "d"]
        let searches = [
            search("q01", hits, teams: teams, intent: "small_batch"),  // click on b: treatment wins
            search("q02", hits, teams: teams),  // clicks on a and c vs an order of d: treatment (3 > 2)
            search("q03", hits, teams: teams),  // click on a: control wins
            search("q04", hits, teams: teams),  // click on a and b: tie
            search("q05", hits, teams: teams),  // nothing: no evidence
            search("q06", hits, teams: teams, experiment: "other"),  // another experiment's click
        ]
        let events = [
            UBIEvent(action: .click, queryId: "q01", objectId: "b"),
            UBIEvent(action: .click, queryId: "q02", objectId: "a"), UBIEvent(action: .click, queryId: "q02", objectId: "c"),
            UBIEvent(action: .click, queryId: "q02", objectId: "d"), UBIEvent(action: .order, queryId: "q02", objectId: "d"),
            UBIEvent(action: .click, queryId: "q03", objectId: "a"),
            UBIEvent(action: .click, queryId: "q04", objectId: "a"), UBIEvent(action: .click, queryId: "q04", objectId: "b"),
            UBIEvent(action: .impression, queryId: "q05", objectId: "a"),
            UBIEvent(action: .click, queryId: "q06", objectId: "a"),
        ]
        let experiment = Experiment(name: "x", control: "default", treatmentProfile: "small_batch")
        let r = ExperimentReport.build(experiment, searches: searches, events: events)
        let o = r.interleaving!
        #expect(r.impressions == 5 && r.withActions == 4)
        #expect((o.wins, o.losses, o.ties) == (2, 1, 1))
        // Scores 1, 1, 0, ½: mean 0.625.
        #expect(abs(o.preference - 0.125) < 1e-12 && o.ci95[0] < o.preference && o.preference < o.ci95[1])
        #expect(abs(o.pValue - Significance.signTest(wins: 2, losses: 1)) < 1e-12)
        #expect(r.decision == .noDifferenceYet)
        #expect(r.perIntent["small_batch"]?.wins == 1 && r.perIntent["none"]?.impressions == 4)
        #expect(r.timeline.last?.impressions == 5 && r.timeline.map(\.impressions) == [1, 2, 3, 4, 5])
    }

    @Test func theIntervalAgreesWithTheSignTestAndTooLittleDataDecidesNothing() {
        // 30 wins, 14 losses, 100 ties: the sign test says p < 0.05, and so must the interval.
        var searches: [UBIQuery] = [], events: [UBIEvent] = []
        for i in 0..<144 {
            let id = String(format: "q%03d", i)
            searches.append(search(id, ["a", "b"], teams: ["control", "treatment"]))
            let clicked = i < 30 ? ["b"] : i < 44 ? ["a"] : ["a", "b"]
            for o in clicked { events.append(UBIEvent(action: .click, queryId: id, objectId: o)) }
        }
        let r = ExperimentReport.build(
            Experiment(name: "x", control: "default", treatmentProfile: "small_batch"), searches: searches, events: events)
        let o = r.interleaving!
        #expect((o.wins, o.losses, o.ties) == (30, 14, 100))
        #expect(o.pValue < 0.05 && o.ci95[0] > 0 && o.ci95[0] < o.preference && o.preference < o.ci95[1])
        #expect(r.decision == .treatmentBetter)

        // A/B with one search in each arm: no spread, nothing decided.
        let ab = Experiment(name: "x", method: .ab, control: "default", treatmentProfile: "small_batch")
        let one = ExperimentReport.build(
            ab, searches: [search("q01", ["a"], teams: nil, arm: "control"), search("q02", ["a"], teams: nil, arm: "treatment")],
            events: [UBIEvent(action: .click, queryId: "q02", objectId: "a")])
        #expect(one.ab?.pValue == 1 && one.decision == .noDifferenceYet)
    }

    @Test func anABSplitComparesCreditPerSearch() {
        var searches: [UBIQuery] = [], events: [UBIEvent] = []
        for i in 0..<200 {
            let id = String(format: "q%03d", i)
            let arm = i % 2 == 0 ? "treatment" : "control"
            searches.append(search(id, ["a", "b"], teams: nil, arm: arm))
            // The treatment's buyers click in 3 searches of 4, the control's in 1 of 4.
            if (arm == "treatment" && i % 8 != 0) || (arm == "control" && i % 8 == 1) {
                events.append(UBIEvent(action: .click, queryId: id, objectId: "a"))
            }
        }
        let experiment = Experiment(name: "x", method: .ab, control: "default", treatmentProfile: "small_batch")
        let r = ExperimentReport.build(experiment, searches: searches, events: events)
        let split = r.ab!
        #expect(r.interleaving == nil && split.control.impressions == 100 && split.treatment.impressions == 100)
        #expect(abs(split.treatment.creditPerSearch - 0.75) < 1e-12 && abs(split.control.creditPerSearch - 0.25) < 1e-12)
        #expect(abs(split.difference - 0.5) < 1e-12 && split.pValue < 0.001 && r.decision == .treatmentBetter)
    }
}
