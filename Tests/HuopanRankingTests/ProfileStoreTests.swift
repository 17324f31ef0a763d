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
