import ArgumentParser
import Foundation
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

struct SupplierBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppliers", abstract: "Factory search p50/p99 next to offer search on the same queries.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Queries to time.") var count = 1_000

    func run() throws {
        warnIfDebug()
        let qs = try loadQueries(queries, limit: count + 200)
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        let search = engine.offers
        for q in qs.prefix(200) {
            _ = try search.search(SearchRequest(q: q), profiles: profiles)
            _ = try engine.suppliers.search(SearchRequest(q: q), profiles: profiles)
        }
        var offers = Latencies(), suppliers = Latencies(), offersHit = Latencies(), suppliersHit = Latencies()
        for q in qs.dropFirst(200).prefix(count) {
            let o = try offers.time { try search.search(SearchRequest(q: q, size: 20), profiles: profiles) }
            let s = try suppliers.time { try engine.suppliers.search(SearchRequest(q: q, size: 20), profiles: profiles) }
            if o.total > 0 || s.total > 0 {
                offersHit.samples.append(offers.samples.last!)
                suppliersHit.samples.append(suppliers.samples.last!)
            }
        }
        printPair(
            "all \(offers.samples.count) queries:", ("offer search", offers), ("supplier search", suppliers), ratio: "supplier/offer")
        printPair(
            "queries with results (\(offersHit.samples.count)):", ("offer search", offersHit), ("supplier search", suppliersHit),
            ratio: "supplier/offer")
    }
}
