import ArgumentParser
import Foundation
import HuopanIndex
import HuopanText

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search the index.")

    @Option(help: "Index directory.") var db: String
    @Option(help: "Hits to show.") var limit = 10
    @Flag(help: "Print one JSON object.") var json = false
    @Argument(help: "The query.") var query: String

    func run() throws {
        let lexicon = try Corpora.lexicon()
        let analyzer = try Analyzer(lexicon: lexicon)
        let index = try OfferIndex(root: URL(fileURLWithPath: db))
        let plan = QueryPlan(analysis: try analyzer.analyze(query), lexicon: lexicon)
        var request = RetrievalRequest(plan: plan)
        request.window = limit
        let r = try index.withDatabase { try Retriever.retrieve(request, in: $0) }
        let data = try index.withDatabase { try $0.data(of: r.candidates.map(\.docid)) }
        print("total \(r.total) level \(r.level) units \(plan.units.map(\.text))")
        for (c, d) in zip(r.candidates, data) {
            let obj = (try? JSONSerialization.jsonObject(with: Data(d ?? []))) as? [String: Any]
            print(String(format: "%.3f t%d %@ %@", c.textScore, c.tier, obj?["id"] as? String ?? "?", obj?["title"] as? String ?? "?"))
        }
    }
}
