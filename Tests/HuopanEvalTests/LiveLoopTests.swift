import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import Logging
import Testing

@testable import HuopanEval

/// The behaviour loop against buyers whose preference the code under test does not know
/// (`HiddenPreference`: relevance from the generated judged set, times a service taste no
/// profile encodes in its form). Properties checked, on a real index through the engine's
/// live search path:
/// - (a) implicit judgments from the buyers' events order offers closer to the hidden
///   preference than the generated judgments do;
/// - (b) tuning the default profile on those implicit judgments raises the preference
///   metric on held-out queries;
/// - (c) an interleaving experiment between a better and a worse profile names the better
///   one at p < 0.05 within 3,000 impressions, and a profile against itself shows no
///   preference at p < 0.05 in all but chance runs.
@Suite(.serialized) struct LiveLoopTests {
    static let data = Fixtures.generated
    static let judged = JudgmentGenerator.generate(
        offers: data.offers, truth: data.truth, taxonomy: Fixtures.taxonomy, count: 120, seed: 3)
    static let preference = HiddenPreference(
        relevance: judged.qrels, tastes: Dictionary(uniqueKeysWithValues: data.offers.map { ($0.id, HiddenPreference.taste($0)) }))
    static let asOf = "2026-11-20"

    static func engine() throws -> Engine {
        var configuration = Fixtures.engineConfiguration(index: data.directory.path("index"))
        configuration.writable = false
        return try Engine.open(configuration, logger: Logger(label: "test"), today: { Fixtures.today })
    }

    /// Mean hidden nDCG@10 of `profile` over `queries`.
    static func preferenceMetric(_ profile: RankingProfile, _ queries: [JudgedQuery]) throws -> Double {
        // One thread: the low-priority thread this runs on, not every core.
        var evaluator = Evaluator(search: Fixtures.search(data.index), parallel: false, asOf: asOf)
        evaluator.depth = 10
        let run = try evaluator.run(queries, profiles: Fixtures.profiles, draft: profile, tag: profile.name)
        return preference.meanNDCG(run, queries)
    }

    @Test func implicitJudgmentsAreCloserToWhatBuyersWantAndTuningOnThemHelpsHeldOutQueries() async throws {
        // The simulation and the tuning run on a thread of their own; the expectations here.
        let r = try await onOwnThread { try Self.implicitJudgmentsAndTuning() }
        print("agreement with the hidden preference (τ-b, \(r.queries) queries): implicit \(r.implicit), generated \(r.generated)")
        #expect(r.queries >= 20)
        #expect(r.implicit > r.generated + 0.05)
        print("hidden-preference nDCG@10 on held-out queries: default \(r.before), tuned on implicit judgments \(r.after)")
        #expect(r.after > r.before + 0.005)
    }

    struct JudgmentFigures: Sendable {
        var queries: Int, implicit: Double, generated: Double, before: Double, after: Double
    }

    static func implicitJudgmentsAndTuning() throws -> JudgmentFigures {
        let engine = try Self.engine()
        let (train, test) = JudgmentGenerator.split(Self.judged)
        let buyers = PreferenceBuyers(preference: Self.preference, asOf: Self.asOf)
        var log = PreferenceBuyers.Log()
        try buyers.run(engine: engine, queries: train.queries, impressions: 80 * train.queries.count, seed: 1, log: &log)
        let implicit = ImplicitJudgments(model: .coec, minImpressions: 10).derive(searches: log.searches, events: log.events)

        // (a) Per query, over the offers both sets grade: τ-b against the hidden utility.
        var implicitAgreement: [Double] = [], generatedAgreement: [Double] = []
        for q in train.queries {
            guard let fromBehaviour = implicit.qrels.grades[ImplicitJudgments.qid(for: q.query)],
                let generated = Self.judged.qrels.grades[q.qid]
            else { continue }
            let common = Set(fromBehaviour.keys).intersection(generated.keys)
            guard let i = Self.preference.agreement(fromBehaviour.filter { common.contains($0.key) }, q.qid),
                let g = Self.preference.agreement(generated.filter { common.contains($0.key) }, q.qid)
            else { continue }
            implicitAgreement.append(i)
            generatedAgreement.append(g)
        }
        let meanImplicit = implicitAgreement.reduce(0, +) / Double(implicitAgreement.count)
        let meanGenerated = generatedAgreement.reduce(0, +) / Double(generatedAgreement.count)

        // (b) Tune on the implicit judgments; measure on queries the buyers never searched.
        var tuner = Tuner(search: Fixtures.search(Self.data.index), asOf: Self.asOf)
        tuner.passes = 2
        tuner.restarts = 1
        let start = Fixtures.profiles.profile(named: "default")!
        let tuned = try tuner.tune(implicit.queries.map(\.query), qrels: implicit.qrels, start: start, metric: .ndcg(10)).tuned
        let before = try Self.preferenceMetric(start, test.queries), after = try Self.preferenceMetric(tuned, test.queries)
        return JudgmentFigures(
            queries: implicitAgreement.count, implicit: meanImplicit, generated: meanGenerated, before: before, after: after)
    }

    static var worse: RankingProfile { HiddenPreference.serviceTradedForPrice(Fixtures.profiles.profile(named: "default")!) }

    /// Runs `impressions` searches of simulated buyers while `experiment` runs, and reports it.
    static func experimentReport(
        _ engine: Engine, _ experiment: Experiment, impressions: Int, seed: UInt64
    ) throws -> (report: ExperimentReport, log: PreferenceBuyers.Log) {
        let started = try engine.profiles.startExperiment(experiment, author: "test")
        defer { _ = try? engine.profiles.stopExperiment(started.name, author: "test") }
        var log = PreferenceBuyers.Log()
        try PreferenceBuyers(preference: preference, asOf: asOf).run(
            engine: engine, queries: judged.queries, impressions: impressions, seed: seed, log: &log)
        return (ExperimentReport.build(started, searches: log.searches, events: log.events), log)
    }

    @Test func interleavingPicksTheBetterProfileAndFindsNoPreferenceBetweenAProfileAndItself() async throws {
        let (better, worse, report, log, falsePositives) = try await onOwnThread { try Self.interleaving() }
        #expect(better > worse, "the pair must differ in the direction the test assumes")
        let outcome = try #require(report.interleaving)
        print("default (\(better)) vs worse (\(worse)): \(outcome), decision \(report.decision), needed \(report.impressionsNeeded ?? -1)")
        // Exactly the searches the control ranks are in the experiment (the others resolve to
        // intent and channel profiles), and every mixed list is half each team's.
        let inExperiment = log.searches.filter { $0.queryAttributes.experiment != nil }
        #expect(inExperiment.count == report.impressions && report.impressions > 1_000)
        #expect(log.searches.allSatisfy { ($0.queryAttributes.experiment != nil) == ($0.queryAttributes.profile == "default") })
        for s in inExperiment {
            let teams = s.queryAttributes.experiment?.teams ?? []
            #expect(teams.count == s.queryResponseHitIds.count)
            #expect(abs(teams.filter { $0 == "control" }.count - teams.filter { $0 == "treatment" }.count) <= 1)
        }
        #expect(outcome.wins + outcome.losses + outcome.ties == report.withActions)
        #expect(report.decision == .controlBetter && outcome.pValue < 0.05 && outcome.preference < 0)
        #expect(outcome.ci95[1] < 0)
        #expect(report.timeline.count <= 24 && report.timeline.last?.impressions == report.impressions)

        print("A/A: \(falsePositives) of 20 runs at p < 0.05")
        // At α = 0.05, 3 or fewer of 20 happen by chance 98% of the time.
        #expect(falsePositives <= 3)
    }

    static func interleaving() throws -> (
        better: Double, worse: Double, report: ExperimentReport, log: PreferenceBuyers.Log, falsePositives: Int
    ) {
        let engine = try Self.engine()
        let better = try Self.preferenceMetric(Fixtures.profiles.profile(named: "default")!, Self.judged.queries)
        let worse = try Self.preferenceMetric(Self.worse, Self.judged.queries)
        let (report, log) = try Self.experimentReport(
            engine, Experiment(name: "worse", control: "default", treatmentDraft: Self.worse, share: 1), impressions: 3_000, seed: 5)
        var falsePositives = 0
        for run in 0..<20 {
            let (aa, _) = try Self.experimentReport(
                engine, Experiment(name: "aa-\(run)", control: "default", treatmentProfile: "default", share: 1), impressions: 600,
                seed: 100 + UInt64(run))
            if (aa.interleaving?.pValue ?? 0) < 0.05 { falsePositives += 1 }
        }
        return (better, worse, report, log, falsePositives)
    }
}
