// Properties checked:
// - a publish acknowledged after a torn history line (a crash mid-append) survives a
//   restart, for the last line cut at every byte offset;
// - rollback: to the previous content, to an explicit version, of a rollback, and an
//   unknown version is refused; the live profile's content is what was restored.
import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanRanking

@Suite struct ProfileStoreTests {
    static let seed = ProfileSet([
        RankingProfile(name: "default", weights: ["text_bm25": 1]),
        RankingProfile(name: "small_batch", weights: ["text_bm25": 1, "moq_fit": 1]),
    ])

    func profile(_ sales: Double) -> RankingProfile { RankingProfile(name: "default", weights: ["text_bm25": 1, "sales": sales]) }

    @Test func anAcknowledgedPublishSurvivesATornHistory() throws {
        let dir = TemporaryDirectory("profiles")
        let url = dir.path("history.jsonl")
        do {
            let store = try ProfileStore(seed: Self.seed, historyFile: url)
            _ = try store.publish(profile(2), author: "a")
        }
        let bytes = try Data(contentsOf: url)
        let lastStart = bytes.dropLast().lastIndex(of: 0x0A)! + 1
        for cut in lastStart..<bytes.count {
            try bytes.prefix(cut).write(to: url)
            let store = try ProfileStore(seed: Self.seed, historyFile: url)
            #expect(store.current.profile(named: "default")?.weights["sales"] == nil, "cut at \(cut)")
            let v = try store.publish(profile(7), author: "b")
            let restarted = try ProfileStore(seed: Self.seed, historyFile: url)
            #expect(restarted.current.profile(named: "default")?.weights["sales"] == 7, "cut at \(cut)")
            #expect(restarted.latest("default")?.version == v.version)
        }
    }

    @Test func rollbacksRestoreContent() throws {
        let store = try ProfileStore(seed: Self.seed, historyFile: nil)
        _ = try store.publish(profile(2), author: "a")  // v2
        _ = try store.publish(profile(3), author: "a")  // v3
        let back = try store.rollback("default", author: "b")  // v4 = v2's content
        #expect(back.restoredVersion == 2 && store.current.profile(named: "default")?.weights["sales"] == 2)
        let again = try store.rollback("default", author: "b")  // rollback of a rollback: v3's content
        #expect(again.restoredVersion == 3 && store.current.profile(named: "default")?.weights["sales"] == 3)
        let first = try store.rollback("default", to: 1, author: "b")
        #expect(first.restoredVersion == 1 && store.current.profile(named: "default")?.weights["sales"] == nil)
        #expect(throws: ProfileStoreError.self) { try store.rollback("default", to: 99, author: "b") }
        #expect(throws: ProfileStoreError.self) { try store.rollback("nope", author: "b") }
        // Nothing earlier to go back to.
        #expect(throws: ProfileStoreError.self) { try store.rollback("small_batch", author: "b") }
    }
}

/// Experiments in the profile history. Properties checked: start, stop and conclude are
/// history entries that survive a restart; one running experiment per control, names never
/// reused, unknown profiles refused, the control not published or rolled back while an
/// experiment runs on it; a winning treatment is published as the control's next
/// version (keeping the control's name); a crash after that publish but before the
/// conclusion's entry still leaves the experiment concluded.
@Suite struct ProfileStoreExperimentTests {
    func draft(_ sales: Double) -> RankingProfile { RankingProfile(name: "default", weights: ["text_bm25": 1, "sales": sales]) }

    @Test func experimentsAreHistoryEntriesThatSurviveARestart() throws {
        let dir = TemporaryDirectory("experiments")
        let url = dir.path("history.jsonl")
        do {
            let store = try ProfileStore(seed: ProfileStoreTests.seed, historyFile: url)
            let e = try store.startExperiment(
                Experiment(name: "sales", control: "default", treatmentDraft: draft(3), share: 0.5), author: "alice")
            #expect(e.status == .running && e.startedBy == "alice" && !e.startedAt.isEmpty)
            #expect(store.runningExperiments.map(\.name) == ["sales"])
            #expect(throws: ProfileStoreError.self) {
                try store.startExperiment(Experiment(name: "again", control: "default", treatmentProfile: "small_batch"), author: "a")
            }
            #expect(throws: ProfileStoreError.self) {
                try store.startExperiment(Experiment(name: "sales", control: "small_batch", treatmentProfile: "default"), author: "a")
            }
            #expect(throws: ProfileStoreError.self) {
                try store.startExperiment(Experiment(name: "ghost", control: "small_batch", treatmentProfile: "nope"), author: "a")
            }
            #expect(throws: ProfileStoreError.self) {
                try store.startExperiment(Experiment(name: "Bad Name", control: "small_batch", treatmentProfile: "default"), author: "a")
            }
            // The control cannot change under a running experiment.
            #expect(throws: ProfileStoreError.self) { try store.publish(draft(9), author: "a") }
            #expect(throws: ProfileStoreError.self) { try store.rollback("default", author: "a") }
            _ = try store.stopExperiment("sales", author: "bob")
            #expect(throws: ProfileStoreError.self) { try store.stopExperiment("sales", author: "bob") }
            _ = try store.startExperiment(Experiment(name: "aa", control: "small_batch", treatmentProfile: "small_batch"), author: "a")
        }
        let store = try ProfileStore(seed: ProfileStoreTests.seed, historyFile: url)
        #expect(store.experiments.map(\.name) == ["sales", "aa"])
        #expect(store.experiment("sales")?.status == .stopped && store.experiment("sales")?.treatmentDraft == draft(3))
        #expect(store.runningExperiments.map(\.name) == ["aa"])
        #expect(store.experimentHistory("default").map(\.action) == [.start, .stop])
        let (concluded, published) = try store.concludeExperiment("sales", winner: .treatment, author: "carol")
        #expect(concluded.status == .concluded && concluded.winner == .treatment)
        let version = try #require(published)
        #expect(version.name == "default" && version.experiment == "sales" && version.profile.weights["sales"] == 3)
        #expect(store.current.profile(named: "default")?.weights["sales"] == 3)
        #expect(throws: ProfileStoreError.self) { try store.concludeExperiment("sales", winner: .control, author: "carol") }
        let (kept, none) = try store.concludeExperiment("aa", winner: .control, author: "carol")
        #expect(kept.winner == .control && none == nil && store.latest("small_batch")?.version == 1)
    }

    @Test func aCrashBetweenPublishingTheWinnerAndRecordingTheConclusionStillConcludes() throws {
        let dir = TemporaryDirectory("experiments")
        let url = dir.path("history.jsonl")
        do {
            let store = try ProfileStore(seed: ProfileStoreTests.seed, historyFile: url)
            _ = try store.startExperiment(Experiment(name: "sales", control: "default", treatmentDraft: draft(5)), author: "a")
            _ = try store.concludeExperiment("sales", winner: .treatment, author: "a")
        }
        // Drop the conclusion's entry, the last line.
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.dropLast().lastIndex(of: 0x0A)! + 1).write(to: url)
        let store = try ProfileStore(seed: ProfileStoreTests.seed, historyFile: url)
        let e = try #require(store.experiment("sales"))
        #expect(e.status == .concluded && e.winner == .treatment && e.publishedVersion == store.latest("default")?.version)
        #expect(store.runningExperiments.isEmpty && store.current.profile(named: "default")?.weights["sales"] == 5)
    }
}
