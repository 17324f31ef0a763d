import Foundation
import HuopanCatalog
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanRanking

@Suite struct RankingProfileTests {
    static let valid = #"{"name":"p1","window":500,"weights":{"text_bm25":2,"sales":0.5}}"#

    func issue(_ json: String) -> FieldIssue? {
        do {
            _ = try RankingProfile.decode(Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesWithDefaults() throws {
        let p = try RankingProfile.decode(Data(Self.valid.utf8))
        #expect(p.window == 500 && p.defaultQty == 1 && p.diversity.maxPerSupplier == 3 && p.exposure.enabled)
        #expect(p.matchPhaseMaxHits == RankingProfile.defaultMaxHits && p.validate().isEmpty)
        // A limit below the window acts as the window; a huge window never traps the check.
        var wide = p
        wide.window = 5_000
        #expect(wide.validate().isEmpty && wide.effectiveMaxHits == 5_000)
        wide.window = 20_000_000
        #expect(wide.validate().map(\.field) == ["window"])
        wide.matchPhaseMaxHits = 0
        #expect(wide.effectiveMaxHits == 0)
    }

    @Test(arguments: [
        (#"{"name":"p1","weights":{"text_bm25":2,"salez":1}}"#, "weights.salez", "unknown feature"),
        (#"{"name":"p1","weights":{"text_bm25":-1}}"#, "weights.text_bm25", "must not be negative"),
        (#"{"name":"p1","weights":{"text_bm25":0}}"#, "weights", "at least one"),
        (#"{"name":"p1","window":5,"weights":{"text_bm25":1}}"#, "window", "between 10 and 10000"),
        (#"{"name":"p1","window":20000,"weights":{"text_bm25":1}}"#, "window", "between"),
        (#"{"name":"P 1","weights":{"text_bm25":1}}"#, "name", "a-z"),
        (#"{"name":"p1","weights":{"text_bm25":"x"}}"#, "weights.text_bm25", "expected a number"),
        (#"{"name":"p1","weights":{"text_bm25":1},"colour":1}"#, "colour", "unknown field"),
        (#"{"name":"p1","weights":{"text_bm25":1},"diversity":{"max_per_supplier":0}}"#, "diversity.max_per_supplier", "between 1 and 100"),
        (#"{"name":"p1","weights":{"text_bm25":1},"bm25":{"b":2}}"#, "bm25.b", "between 0 and 1"),
        (
            #"{"name":"p1","weights":{"text_bm25":1},"diversity":{"page_size":0},"exposure":{"slot":0}}"#, "diversity.page_size",
            "between 1 and 100"
        ),
        (#"{"name":"p1","weights":{"text_bm25":1},"exposure":{"slot":50}}"#, "exposure.slot", "between 1 and"),
        (#"{"name":"p1"}"#, "weights", "is required"),
        (#"{"name":"p1","match_phase_max_hits":-1,"weights":{"text_bm25":1}}"#, "match_phase_max_hits", "between 0 and 10,000,000"),
        (#"{"name":"p1","match_phase_max_hits":20000000,"weights":{"text_bm25":1}}"#, "match_phase_max_hits", "between 0 and"),
        (#"{"name":"p1","weights":{"text_bm25":1e999}}"#, "weights.text_bm25", "out of range"),
    ])
    func rejectsNamingTheField(json: String, field: String, reason: String) throws {
        let i = try #require(issue(json))
        #expect(i.field == field, "\(i)")
        #expect(i.reason.contains(reason), "\(i)")
    }

    @Test func nonFiniteWeightsAreRejected() {
        var p = try! RankingProfile.decode(Data(Self.valid.utf8))
        p.weights["sales"] = .nan
        #expect(p.validate().first?.field == "weights.sales")
        p.weights["sales"] = .infinity
        #expect(p.validate().first?.reason.contains("finite") == true)
    }

    @Test func committedProfilesLoadAndCoverIntentsAndChannels() throws {
        let set = try ProfileSet.load(directory: Fixtures.corpora.appendingPathComponent("profiles"))
        #expect(set.profile(named: "default") != nil)
        for intent in BuyerIntentAll.all { #expect(set.resolve(intent: intent, channel: nil)?.intent == intent) }
        #expect(Set(set.profiles.values.compactMap(\.channel)).count >= 2)
        #expect(set.resolve(intent: nil, channel: "pinduoduo")?.name == "channel_pinduoduo")
        #expect(set.resolve(intent: .bulkWholesale, channel: "pinduoduo")?.name == "bulk_wholesale")
        #expect(set.resolve(intent: nil, channel: "nowhere")?.name == "default")
    }

    @Test func aBadProfileFileFailsTheLoadWithItsName() throws {
        let dir = TemporaryDirectory()
        try Data(#"{"name":"default","weights":{"text_bm25":1}}"#.utf8).write(to: dir.path("default.json"))
        try Data(#"{"name":"x","weights":{"nope":1}}"#.utf8).write(to: dir.path("x.json"))
        let e = #expect(throws: ProfileError.self) { try ProfileSet.load(directory: dir.url) }
        #expect(e?.description.contains("x.json") == true)
        #expect(e?.description.contains("weights.nope") == true)
    }
}

enum BuyerIntentAll { static let all = BuyerIntent.allCases }
