import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanIndex

/// What the supplier cap and the new-supplier slot do to the first page: the same matching
/// Taobao queries ranked by the published profile and by the same profile with the cap lifted
/// and the slot off.
struct DiversityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diversity",
        abstract: "First-page supplier concentration with and without the supplier cap and the new-supplier slot.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Matching queries to rank.") var count = 1_000

    struct Page {
        var pages = 0
        var distinct = 0
        var largest = 0
        var overCap = 0
        var newcomerPages = 0
        var slots = 0
        var bigSlots = 0
    }

    func run() throws {
        warnIfDebug()
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        guard var free = profiles.profile(named: "default") else { throw CLIError("no default profile") }
        free.diversity.maxPerSupplier = free.diversity.pageSize
        free.exposure.enabled = false
        let cap = profiles.profile(named: "default")!.diversity.maxPerSupplier

        // Offers per supplier, to tell the catalog's largest suppliers (the top 1% by offers).
        var sizes: [String: Int] = [:]
        try engine.index.withDatabase { db in
            var terms = try db.terms(prefix: Schema.Prefix.supplier, after: nil, limit: 10_000)
            while !terms.isEmpty {
                for t in terms { sizes[String(t.dropFirst(Schema.Prefix.supplier.count))] = try Retriever.frequency(of: .term(t), db) }
                terms = try db.terms(prefix: Schema.Prefix.supplier, after: terms.last, limit: 10_000)
            }
        }
        let ranked = sizes.values.sorted(by: >)
        let bigFloor = ranked.isEmpty ? Int.max : ranked[max(0, ranked.count / 100 - 1)]
        let offers = ranked.reduce(0, +)
        let bigShare = Double(ranked.filter { $0 >= bigFloor }.reduce(0, +)) / Double(max(1, offers))

        var shipped = Page(), uncapped = Page()
        func tally(_ r: SearchResponse, into p: inout Page) {
            var perSupplier: [String: Int] = [:]
            var newcomer = false
            for h in r.hits {
                let supplier = h.offer["supplier"]
                let id = supplier?["id"]?.stringValue ?? ""
                perSupplier[id, default: 0] += 1
                if (sizes[id] ?? 0) >= bigFloor { p.bigSlots += 1 }
                let years = supplier?["years"]?.numberValue ?? 99
                let stats = h.offer["stats"]
                if years <= 1, (stats?["ship_72h_rate"]?.numberValue ?? 0) >= 0.9, (stats?["reply_rate"]?.numberValue ?? 0) >= 0.9 {
                    newcomer = true
                }
            }
            let most = perSupplier.values.max() ?? 0
            p.pages += 1
            p.slots += r.hits.count
            p.distinct += perSupplier.count
            p.largest += most
            if most > cap { p.overCap += 1 }
            if newcomer { p.newcomerPages += 1 }
        }
        var used = 0
        for q in try loadQueries(queries, limit: 100_000) where used < count {
            let request = SearchRequest(q: q, size: 20)
            let a = try engine.offers.search(request, profiles: profiles)
            guard a.hits.count == 20 else { continue }
            used += 1
            tally(a, into: &shipped)
            tally(try engine.offers.search(request, profiles: profiles, draft: free), into: &uncapped)
        }
        print(
            "\(offers) offers from \(sizes.count) suppliers; the largest 1% (\(ranked.count / 100), \(bigFloor)+ offers each) hold "
                + String(format: "%.1f%%", 100 * bigShare) + " of the offers; \(used) matching queries with a full first page (20)")
        func row(_ name: String, _ p: Page) {
            let n = Double(max(1, p.pages))
            print(
                String(
                    format: "  %@ distinct suppliers %.1f · largest supplier's slots %.2f · pages over %d of one supplier %.1f%% · "
                        + "slots of the largest 1%% %.1f%% · pages with a new supplier %.1f%%", name, Double(p.distinct) / n,
                    Double(p.largest) / n, cap, 100 * Double(p.overCap) / n, 100 * Double(p.bigSlots) / Double(max(1, p.slots)),
                    100 * Double(p.newcomerPages) / n))
        }
        row("shipped (cap \(cap), new-supplier slot on):", shipped)
        row("cap lifted, slot off:                      ", uncapped)
    }
}
