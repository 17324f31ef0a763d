import HuopanCatalog
import HuopanIndex
import HuopanTestSupport

@testable import HuopanRanking

func candidate(_ offer: Offer, text: Double = 1, tier: Int = 0, docid: UInt32 = 1) -> Candidate {
    let title = try! Fixtures.analyzer().analyze(offer.title).utf8
    return Candidate(docid: docid, textScore: text, tier: tier, record: RankRecord(offer: offer, normalizedTitle: title))
}

func window(
    _ cs: [Candidate], qty: Int = 10, query: String = "保温杯", today: String = "2026-11-20", headWords: Bool = false
) -> RankingWindow {
    let plan = QueryPlan(analysis: try! Fixtures.analyzer().analyze(query), lexicon: Fixtures.lexicon)
    return RankingWindow(
        candidates: cs, qty: qty, plan: plan, today: Offer.epochDay(of: today)!, lexicon: headWords ? Fixtures.lexicon : nil)
}

let today = Offer.epochDay(of: "2026-11-20")!
