import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanIndex
import HuopanText

/// Huopan beside a plain BM25 engine on the same catalog and the same matching workload.
/// This command times Huopan (full ranking, and its BM25-only retrieval on the same index)
/// over the real queries that find something, and exports what a peer engine needs to run
/// the same workload over the same analyzed tokens; `Tools/bench/peers.py` then times
/// tantivy on it and prints every system side by side with the ratios.
struct PeersBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peers",
        abstract: "Time Huopan on the matching workload and export the same tokens for a peer engine (Tools/bench/peers.sh).")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Matching queries to time.") var count = 1_000
    @Option(help: "Directory to write docs.tsv, queries.tsv and huopan.json into.") var out: String

    func run() throws {
        warnIfDebug()
        let engine = try self.engine.engine()
        let profiles = engine.profiles.current
        let search = engine.offers
        let index = engine.index
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)

        // The matching workload: real queries, in log order, that find at least one offer.
        var workload: [(q: String, tokens: [String])] = []
        for q in try loadQueries(queries, limit: 100_000) where workload.count < count + 200 {
            let r = try search.search(SearchRequest(q: q, size: 20), profiles: profiles)
            guard r.total > 0 else { continue }
            let tokens = try engine.understanding.analyzers.withAnalyzer { try $0.analyze(r.query.textQuery).words }
            if !tokens.isEmpty { workload.append((q, tokens)) }
        }
        let warm = workload.prefix(200), timed = Array(workload.dropFirst(200))
        func bm25Only(_ q: String) throws {
            let p = try search.plan(SearchRequest(q: q, size: 20), profiles: profiles)
            var rr = p.retrievalRequest
            rr.window = 20
            _ = try index.withDatabase { db in try db.data(of: Retriever.retrieve(rr, in: db).candidates.map(\.docid)) }
        }
        for w in warm {
            try bm25Only(w.q)
            _ = try search.search(SearchRequest(q: w.q, size: 20), profiles: profiles)
        }
        var full = Latencies(), base = Latencies()
        var phases: [String: Double] = [:]
        for w in timed {
            try base.time { try bm25Only(w.q) }
            let r = try full.time { try search.search(SearchRequest(q: w.q, size: 20), profiles: profiles) }
            for (name, ms) in r.phases.named { phases[name, default: 0] += ms / Double(timed.count) }
        }
        var queriesTSV = ""
        for (i, w) in timed.enumerated() { queriesTSV += "q\(i)\t\(w.tokens.joined(separator: " "))\n" }
        try queriesTSV.write(to: dir.appendingPathComponent("queries.tsv"), atomically: true, encoding: .utf8)

        // Every offer's searched title, analyzed as the index analyzed it.
        let documents = try index.documentCount()
        var docs = Data()
        try engine.understanding.analyzers.withAnalyzer { analyzer in
            try index.withDatabase { db in
                var next = try db.terms(prefix: OfferDocumentBuilder.idTerm(""), after: nil, limit: 10_000)
                while !next.isEmpty {
                    var ids: [UInt32] = []
                    for term in next { if let d = try db.docid(forTerm: term) { ids.append(d) } }
                    for stored in try db.data(of: ids) {
                        guard let stored, let offer = try? JSONValue.parse(stored), let id = offer["id"]?.stringValue,
                            let title = offer["title"]?.stringValue
                        else { continue }
                        let searched = String(String.UnicodeScalarView(title.unicodeScalars.prefix(Offer.Limits.titleLength)))
                        let words = try analyzer.analyze(searched).words
                        docs.append(contentsOf: Array("\(id)\t\(words.joined(separator: " "))\n".utf8))
                    }
                    next = try db.terms(prefix: OfferDocumentBuilder.idTerm(""), after: next.last, limit: 10_000)
                }
            }
        }
        try docs.write(to: dir.appendingPathComponent("docs.tsv"))

        let figures: [String: Any] = [
            "documents": documents, "queries": timed.count,
            "huopan_full": ["p50": full.percentile(50), "p99": full.percentile(99), "mean": full.mean],
            "huopan_bm25": ["p50": base.percentile(50), "p99": base.percentile(99), "mean": base.mean],
            "phases_mean_ms": phases,
        ]
        let json = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys, .prettyPrinted])
        try json.write(to: dir.appendingPathComponent("huopan.json"))
        print("\(documents) offers; \(timed.count) matching queries after \(warm.count) warm-up")
        print("  Huopan full ranking (window 1000, page 20): " + full.summary)
        print("  Huopan BM25-only retrieval (top 20):        " + base.summary)
        print("exported \(dir.path)/docs.tsv and queries.tsv for Tools/bench/peers.py")
    }
}
