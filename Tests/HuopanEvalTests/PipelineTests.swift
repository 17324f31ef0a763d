import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import Testing

@testable import HuopanEval

/// Judged sets, evaluator, simulator and tuner over a real generated index.
@Suite struct PipelineTests {
    static let data = Fixtures.generated
    static let search = Fixtures.search(data.index)
    static let judged = JudgmentGenerator.generate(
        offers: data.offers, truth: data.truth, taxonomy: Fixtures.taxonomy, count: 120, seed: 3)

    /// The grading rules of Corpora/judgments/RULES.md, checked against the taxonomy directly.
    @Test func judgmentsFollowTheRules() throws {
        let out = Self.judged
        let taxonomy = Fixtures.taxonomy
        #expect(out.queries.count == 120)
        #expect(Set(out.queries.compactMap(\.intent)).count == 4)
        #expect(out.queries.contains { $0.intent == nil && $0.channel == nil })
        #expect(Set(out.queries.compactMap(\.channel)).isSubset(of: ["taobao", "pinduoduo", "douyin"]))
        let offers = Dictionary(uniqueKeysWithValues: Self.data.offers.map { ($0.id, $0) })
        var accessoriesLeftOut = 0
        for q in out.queries {
            let grades = try #require(out.qrels.grades[q.qid])
            #expect(grades.values.contains(3))
            // The product types the query means: those named by a product word in it.
            let meant = Set(
                taxonomy.productTypes.filter { t in t.productWords.contains { q.query.contains($0) } }.map(\.key))
            let sub = Set(grades.filter { $0.value >= 2 }.map { offers[$0.key]!.category.prefix(2).joined(separator: ">") })
            // Every word for the product the query is graded for (one of them is in its text).
            let words = Set(grades.filter { $0.value >= 2 }.flatMap { taxonomy.productType(Self.data.truth[$0.key]!)!.productWords })
            #expect(words.contains { q.query.contains($0) })
            for (id, g) in grades {
                let type = Self.data.truth[id]!
                if g >= 2 { #expect(meant.contains(type), "\(q.qid) \(q.query): \(id) is a \(type)") }
                if g == 1 {
                    #expect(sub.contains(offers[id]!.category.prefix(2).joined(separator: ">")))
                    // Never an accessory of the product the query names.
                    #expect(!taxonomy.productType(type)!.of.contains(where: words.contains), "\(q.qid) \(q.query): \(id)")
                }
            }
            // Accessories whose titles repeat the query's word are not listed.
            accessoriesLeftOut +=
                Self.data.offers.filter { o in
                    grades[o.id] == nil && taxonomy.productType(Self.data.truth[o.id]!)!.of.contains(where: words.contains)
                }.count
        }
        #expect(accessoriesLeftOut > 0, "no query met an accessory of its product")
        let (train, test) = JudgmentGenerator.split(out)
        #expect(train.queries.count + test.queries.count == 120)
        #expect(Set(train.queries.map(\.qid)).isDisjoint(with: test.queries.map(\.qid)))
    }

    @Test func rankingBeatsRandomOrderAndRunsRoundTrip() throws {
        let evaluator = Evaluator(search: Self.search)
        let queries = Self.judged.queries
        let run = try evaluator.run(queries, profiles: Fixtures.profiles, tag: "default")
        let e = Evaluation.evaluate(run, qrels: Self.judged.qrels, queries: queries.map(\.qid))
        var shuffled = run
        var rng = SeededRandom(seed: 1)
        for (q, list) in run.results { shuffled.results[q] = list.shuffled(using: &rng) }
        let random = Evaluation.evaluate(shuffled, qrels: Self.judged.qrels, queries: queries.map(\.qid))
        #expect(e.means["ndcg@10"]! > random.means["ndcg@10"]! + 0.01)
        let reread = try Run.parse(run.format())
        #expect(Evaluation.evaluate(reread, qrels: Self.judged.qrels, queries: queries.map(\.qid)).means == e.means)
    }

    @Test func simulatedBuyersFavourRelevantOffersAndLogsBecomeJudgments() throws {
        var simulator = BuyerSimulator(search: Self.search)
        simulator.sessionsPerQuery = 30
        let queries = Array(Self.judged.queries.prefix(40))
        let log = try simulator.simulate(queries, qrels: Self.judged.qrels, profiles: Fixtures.profiles, seed: 9)
        #expect(log == (try simulator.simulate(queries, qrels: Self.judged.qrels, profiles: Fixtures.profiles, seed: 9)))
        func ctr(_ grades: Set<Int>) -> Double {
            let shown = log.filter { grades.contains(Self.judged.qrels.grade($0.qid, $0.offer)) && $0.rank <= 5 }
            return Double(shown.filter(\.clicked).count) / Double(max(1, shown.count))
        }
        #expect(ctr([3]) > ctr([0, 1]))
        let topClicks = log.filter { $0.rank == 1 && $0.clicked }.count, lowClicks = log.filter { $0.rank == 15 && $0.clicked }.count
        #expect(topClicks > lowClicks)
        let fromLogs = LogJudgments.qrels(from: log)
        var agree = 0, total = 0
        for (qid, grades) in fromLogs.grades {
            for (offer, g) in grades where g >= 2 {
                total += 1
                if Self.judged.qrels.grade(qid, offer) >= 2 { agree += 1 }
            }
        }
        #expect(total > 0 && Double(agree) / Double(total) > 0.8)
    }

    @Test func intentFitFollowsTheBrief() throws {
        let factory = try JSONValue.parse(
            Array(#"{"supplier":{"kind":"factory"},"moq":100,"monthly_capacity":100000,"dropship":false}"#.utf8))
        let stall = try JSONValue.parse(
            Array(
                #"{"supplier":{"kind":"market_stall"},"moq":1,"monthly_capacity":500,"dropship":true,"stats":{"ship_72h_rate":0.95}}"#.utf8)
        )
        #expect(
            BuyerSimulator.fit(factory, intent: .bulkWholesale, qty: 1000) > BuyerSimulator.fit(stall, intent: .bulkWholesale, qty: 1000))
        #expect(
            BuyerSimulator.fit(stall, intent: .newProductTesting, qty: 1) > BuyerSimulator.fit(factory, intent: .newProductTesting, qty: 1))
        #expect(BuyerSimulator.fit(stall, intent: nil, qty: 1) == 0.5)
    }

    @Test func tuningNeverLowersTheTrainingMetric() throws {
        var tuner = Tuner(search: Self.search)
        tuner.passes = 2
        tuner.restarts = 1
        let (train, _) = JudgmentGenerator.split(Self.judged)
        let start = Fixtures.profiles.profile(named: "default")!
        let result = try tuner.tune(Array(train.queries.prefix(30)), qrels: train.qrels, start: start, metric: .ndcg(10))
        #expect(result.tuned.validate().isEmpty)
        #expect(result.tuned.name == "default")
        // Both figures the tuner reports are what the live pipeline scores with those weights
        // (the tuner re-ranks cached windows; a drift between the two would show here), and
        // by that independent measure the tuned weights are no worse than the start.
        let evaluator = Evaluator(search: Self.search)
        let queries = Array(train.queries.prefix(30))
        func pipeline(_ profile: RankingProfile) throws -> Double {
            let run = try evaluator.run(queries, profiles: ProfileSet([profile]), draft: profile, tag: profile.name)
            return Evaluation.evaluate(run, qrels: train.qrels, queries: queries.map(\.qid), metrics: [.ndcg(10)]).means["ndcg@10"]!
        }
        let tuned = try pipeline(result.tuned), started = try pipeline(start)
        #expect(abs(tuned - result.trainTuned) < 0.01, "tuner says \(result.trainTuned), pipeline \(tuned)")
        #expect(abs(started - result.trainStart) < 0.01, "tuner says \(result.trainStart), pipeline \(started)")
        #expect(tuned >= started - 1e-9)
    }
}
