// Properties checked:
// - team-draft interleaving: every offer appears once; at every prefix the two teams'
//   picks differ by at most one; each team's picks keep its own ranking's order and are its
//   best not yet shown; identical rankings interleave to that ranking; the coin is fair;
//   when one ranking runs out the other fills the list;
// - assignment to an experiment is stable per client, takes the configured share, splits
//   A/B in halves, and two experiments draw their shares independently.
import HuopanCatalog
import Testing

@testable import HuopanRanking

@Suite struct TeamDraftTests {
    @Test func interleavedListsKeepEachTeamsOrderAndBalance() {
        var rng = SeededRandom(seed: 1)
        for trial in 0..<200 {
            let pool = (0..<30).map { "o\($0)" }
            let a = Array(pool.shuffled(using: &rng).prefix(20)), b = Array(pool.shuffled(using: &rng).prefix(20))
            var coin = SeededRandom(seed: UInt64(trial))
            let mixed = TeamDraft.interleave(a, b, length: 20, using: &coin)
            #expect(mixed.count == 20)
            #expect(Set(mixed.map(\.id)).count == mixed.count)
            var counts = (c: 0, t: 0)
            var shown = Set<String>()
            for pick in mixed {
                let own = pick.arm == .control ? a : b
                // The team's best offer not yet shown.
                #expect(own.first { !shown.contains($0) } == pick.id)
                shown.insert(pick.id)
                if pick.arm == .control { counts.c += 1 } else { counts.t += 1 }
                #expect(abs(counts.c - counts.t) <= 1)
            }
        }
    }

    @Test func identicalRankingsInterleaveToThemselvesAndTheCoinIsFair() {
        let list = (0..<20).map { "o\($0)" }
        var controlFirst = 0
        for seed in 0..<2_000 {
            var coin = SeededRandom(seed: UInt64(seed))
            let mixed = TeamDraft.interleave(list, list, length: 20, using: &coin)
            #expect(mixed.map(\.id) == list)
            if mixed[0].arm == .control { controlFirst += 1 }
        }
        #expect((900...1_100).contains(controlFirst))
    }

    @Test func aShortRankingLeavesTheRestToTheOther() {
        var coin = SeededRandom(seed: 3)
        let mixed = TeamDraft.interleave(["a"], ["b", "c", "d", "e"], length: 4, using: &coin)
        #expect(Set(mixed.map(\.id)) == ["a", "b", "c", "d"])
        #expect(mixed.filter { $0.arm == .control }.map(\.id) == ["a"])
        var again = SeededRandom(seed: 3)
        #expect(TeamDraft.interleave([String](), [], length: 5, using: &again).isEmpty)
    }

    @Test func assignmentIsStableTakesItsShareAndSplitsInHalves() {
        let ab = Experiment(name: "exp-a", method: .ab, control: "default", treatmentProfile: "small_batch", share: 0.3)
        let other = Experiment(name: "exp-b", method: .interleaving, control: "small_batch", treatmentProfile: "default", share: 0.3)
        var inA = 0, treatment = 0, inBoth = 0
        let clients = (0..<20_000).map { "client-\($0)" }
        for c in clients {
            let a = ab.assignment(client: c)
            #expect(a == ab.assignment(client: c))
            if let a {
                inA += 1
                if a == .arm(.treatment) { treatment += 1 }
                if other.assignment(client: c) != nil { inBoth += 1 }
            }
        }
        #expect(abs(Double(inA) / 20_000 - 0.3) < 0.015)
        #expect(abs(Double(treatment) / Double(inA) - 0.5) < 0.03)
        // Independent draws: 30% of experiment A's clients are also in B.
        #expect(abs(Double(inBoth) / Double(inA) - 0.3) < 0.03)
        #expect(other.assignment(client: clients[0]).map { $0 == .interleaved } ?? true)
    }
}
