import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanEval
import HuopanIndex
import HuopanRanking
import HuopanText

/// Relevance on real Taobao titles the project has never seen (the public e-commerce NER set,
/// product types and brands annotated). Each title becomes an offer with neutral business
/// signals; each annotated string found in two titles or more is a query, and the relevant
/// titles are exactly those annotated with it. Queries fall into a tuning and a test half by
/// a hash of their text; the test half is reported unless asked otherwise.
struct TitleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "titles",
        abstract: "Relevance and segmentation on real Taobao titles: shipped ranking vs BM25-only vs literal substring.")

    @OptionGroup var lexiconOptions: LexiconOptions
    @Option(help: "Synonyms file (default: Corpora/synonyms.txt).") var synonymsFile: String?
    @Option(help: "Directory of ranking profiles (default: Corpora/profiles).") var profiles: String?
    @Option(help: "Annotated titles (BIEOS, one character per line).") var titles = "../shared/data/titles/taobao-titles-ner.bieos"
    @Option(help: "Which half to report: test, tuning or all.") var half = "test"
    @Option(help: "Also write the catalog and the judged halves here (for huopan tune and eval).") var writeSets: String?
    @Option(help: "Profile ranking the shipped side (default: chosen per query, as the server does).") var profile: String?

    struct Title {
        var text: String
        /// Annotated spans: (kind HC or HP, character range, text).
        var spans: [(kind: String, range: Range<Int>, text: String)]
    }

    static func parse(_ bieos: String) -> [Title] {
        var titles: [Title] = []
        var chars: [Character] = []
        var tags: [String] = []
        func flush() {
            guard !chars.isEmpty else { return }
            var spans: [(String, Range<Int>, String)] = []
            var start: Int?
            for (i, tag) in tags.enumerated() {
                let kind = String(tag.dropFirst(2))
                if tag.hasPrefix("S-") { spans.append((kind, i..<i + 1, String(chars[i]))) }
                if tag.hasPrefix("B-") { start = i }
                if tag.hasPrefix("E-"), let s = start {
                    spans.append((kind, s..<i + 1, String(chars[s...i])))
                    start = nil
                }
                if tag == "O" { start = nil }
            }
            titles.append(Title(text: String(chars), spans: spans))
            chars = []
            tags = []
        }
        for line in bieos.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                flush()
                continue
            }
            // A space character is written as a line that starts with a space before the tab.
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let c = parts[0].first else { continue }
            chars.append(c)
            tags.append(String(parts[1]))
        }
        flush()
        return titles
    }

    func run() throws {
        warnIfDebug()
        let parsed = Self.parse(try readDataFile(titles))
        let lexicon = try lexiconOptions.lexicon()
        let analyzer = try Analyzer(lexicon: lexicon)
        print("\(parsed.count) real titles, \(parsed.reduce(0) { $0 + $1.spans.count }) annotated spans")
        try segmentation(parsed, analyzer)

        // The catalog: one offer per title, every business signal the same.
        let offers = parsed.enumerated().map { i, t in
            Offer(
                id: String(format: "t%05d", i), title: t.text, category: ["真实标题"],
                supplier: Supplier(
                    id: String(format: "s%05d", i), name: "供应商", kind: .tradingCompany, province: "浙江", region: "义乌", belt: "义乌小商品",
                    years: 3),
                priceTiers: [PriceTier(minQty: 1, unitPrice: 10)], moq: 1, listedAt: "2026-01-01",
                stats: OfferStats(
                    sales30d: 10, buyers30d: 5, repurchaseRate: 0.1, rating: 4.5, reviews: 3, ship72hRate: 0.9, replyRate: 0.9,
                    replyMinutes: 10, disputeRate: 0.01, returnRate: 0.02))
        }
        // Queries: annotated strings (normalised as the engine reads them) in two titles or more.
        var relevant: [String: Set<String>] = [:]
        for (i, t) in parsed.enumerated() {
            for s in t.spans {
                let q = try analyzer.normalize(s.text).trimmingCharacters(in: .whitespaces)
                if !q.isEmpty { relevant[q, default: []].insert(offers[i].id) }
            }
        }
        let queries = relevant.filter { $0.value.count >= 2 }.keys.sorted()
        func inHalf(_ q: String) -> Bool {
            let tuning = FNV1a.hash(q) % 2 == 0
            return half == "all" || (half == "tuning") == tuning
        }
        let chosen = queries.filter(inHalf)
        let judged = chosen.enumerated().map { JudgedQuery(qid: String(format: "t%04d", $0.offset), query: $0.element) }
        var qrels = Qrels()
        for q in judged { qrels.grades[q.qid] = Dictionary(uniqueKeysWithValues: relevant[q.query]!.map { ($0, 1) }) }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("huopan-titles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var catalog = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for o in offers { catalog.append(try encoder.encode(o)); catalog.append(0x0A) }
        let report = try IndexBuilder(layout: IndexLayout(root: scratch), lexicon: lexicon, workers: 2).build(data: catalog, source: titles)
        if !report.rejected.isEmpty { print("rejected \(report.rejected.count) titles, e.g. \(report.rejected[0])") }
        if let writeSets { try write(catalog: catalog, queries: queries, relevant: relevant, to: writeSets) }

        var config = EngineConfiguration(
            index: .local(scratch), lexiconDirectory: try EngineOptions.path(lexiconOptions.lexiconDir, "lexicon", "--lexicon-dir"),
            synonymsFile: try EngineOptions.path(synonymsFile, "synonyms.txt", "--synonyms-file"),
            profilesDirectory: try EngineOptions.path(profiles, "profiles", "--profiles"))
        config.writable = false
        let engine = try Engine.open(config, logger: .init(label: "titles"))
        let set = engine.profiles.current
        let evaluator = Evaluator(search: engine.offers, asOf: "2026-01-02")
        let shipped = try evaluator.run(
            judged, profiles: set,
            draft: try profile.map { name in
                guard let p = set.profile(named: name) else { throw CLIError("unknown profile \"\(name)\"") }
                return p
            }, tag: "shipped")
        let bm25 = try evaluator.run(judged, profiles: set, draft: Evaluator.bm25Only, tag: "bm25")
        let literal = Self.literalRun(judged, offers: offers, analyzer: analyzer)

        let metrics: [Metric] = [Metric("p@10")!, Metric("ndcg@10")!, Metric("recall@100")!]
        print("\n\(judged.count) queries (\(half) half of \(queries.count)); relevant: titles annotated with exactly the query")
        var table = TextTable(["ranking", "length", "queries", "P@10", "nDCG@10", "R@100", "zero results"])
        let groups: [(String, (String) -> Bool)] = [
            ("all", { _ in true }), ("1 char", { $0.count == 1 }), ("2 chars", { $0.count == 2 }), ("3+ chars", { $0.count >= 3 }),
        ]
        for (name, run) in [("shipped", shipped), ("BM25-only", bm25), ("literal substring", literal)] {
            for (label, test) in groups {
                let qids = judged.filter { test($0.query) }.map(\.qid)
                guard !qids.isEmpty else { continue }
                let e = Evaluation.evaluate(run, qrels: qrels, queries: qids, metrics: metrics)
                let zero = qids.filter { (run.results[$0] ?? []).isEmpty }.count
                table.add([
                    name, label, String(qids.count), String(format: "%.4f", e.means["p@10"] ?? 0),
                    String(format: "%.4f", e.means["ndcg@10"] ?? 0),
                    String(format: "%.4f", e.means["recall@100"] ?? 0), String(format: "%.1f%%", 100 * Double(zero) / Double(qids.count)),
                ])
            }
        }
        print(table.render(), terminator: "")
        let all = judged.map(\.qid)
        print("\nshipped against BM25-only (paired randomization test):")
        print(
            Comparison.compare(
                Evaluation.evaluate(bm25, qrels: qrels, queries: all, metrics: metrics),
                Evaluation.evaluate(shipped, qrels: qrels, queries: all, metrics: metrics), nameA: "BM25-only", nameB: "shipped",
                queries: judged
            ).table, terminator: "")
    }

    /// The literal baseline: titles containing the query string, shorter titles first.
    static func literalRun(_ queries: [JudgedQuery], offers: [Offer], analyzer: Analyzer) -> Run {
        let texts = offers.map { (id: $0.id, text: (try? analyzer.normalize($0.title)) ?? $0.title) }
        var run = Run(tag: "literal")
        for q in queries {
            let hits = texts.filter { $0.text.contains(q.query) }.sorted { ($0.text.count, $0.id) < ($1.text.count, $1.id) }.prefix(100)
            run.results[q.qid] = hits.enumerated().map { ($0.element.id, Double(100 - $0.offset)) }
        }
        return run
    }

    /// How the analyzer cuts the annotated spans: kept as one token (exact), or cut through
    /// by a token that starts or ends inside the span (crossing).
    func segmentation(_ parsed: [Title], _ analyzer: Analyzer) throws {
        var counts: [String: (spans: Int, exact: Int, crossing: Int)] = [:]
        for t in parsed {
            let a = try analyzer.analyze(t.text)
            let normalized = Array(a.normalized)
            guard normalized.count == t.text.count else { continue }  // normalisation changed the length
            // Character offsets of each token.
            var byteToChar: [Int: Int] = [:]
            var offset = 0
            for (i, c) in normalized.enumerated() {
                byteToChar[offset] = i
                offset += c.utf8.count
            }
            byteToChar[offset] = normalized.count
            let tokens = a.segments.filter(\.isWord).compactMap { s -> Range<Int>? in
                guard let lo = byteToChar[s.start], let hi = byteToChar[s.end] else { return nil }
                return lo..<hi
            }
            for s in t.spans {
                var c = counts[s.kind] ?? (0, 0, 0)
                c.spans += 1
                if tokens.contains(s.range) { c.exact += 1 }
                if tokens.contains(where: { tok in
                    (tok.lowerBound < s.range.lowerBound && tok.upperBound > s.range.lowerBound)
                        || (tok.lowerBound < s.range.upperBound && tok.upperBound > s.range.upperBound)
                }) {
                    c.crossing += 1
                }
                counts[s.kind] = c
            }
        }
        var table = TextTable(["spans", "count", "one token (exact)", "cut through (crossing)"])
        for (kind, name) in [("HC", "product types"), ("HP", "brands")] {
            guard let c = counts[kind], c.spans > 0 else { continue }
            table.add([
                name, String(c.spans), String(format: "%.1f%%", 100 * Double(c.exact) / Double(c.spans)),
                String(format: "%.1f%%", 100 * Double(c.crossing) / Double(c.spans)),
            ])
        }
        print("segmentation of the annotated spans:")
        print(table.render(), terminator: "")
    }

    /// The catalog and both judged halves, for `huopan tune` (tuning half) and `huopan eval`.
    func write(catalog: Data, queries: [String], relevant: [String: Set<String>], to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try catalog.write(to: URL(fileURLWithPath: "\(dir)/titles.jsonl"))
        for (name, tuning) in [("tuning", true), ("test", false)] {
            let qs = queries.filter { (FNV1a.hash($0) % 2 == 0) == tuning }
            let judged = qs.enumerated().map { JudgedQuery(qid: String(format: "t%04d", $0.offset), query: $0.element) }
            var qrels = Qrels()
            for q in judged { qrels.grades[q.qid] = Dictionary(uniqueKeysWithValues: relevant[q.query]!.map { ($0, 1) }) }
            try QuerySetFile.format(judged).write(toFile: "\(dir)/\(name).queries.tsv", atomically: true, encoding: .utf8)
            try qrels.format().write(toFile: "\(dir)/\(name).qrels", atomically: true, encoding: .utf8)
        }
        print("wrote \(dir)/titles.jsonl and the tuning and test halves")
    }
}
