import ArgumentParser
import Foundation
import HuopanEngine
import HuopanEval
import HuopanIndex
import HuopanRanking
import HuopanText
import Synchronization

struct ZeroResultBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zero", abstract: "Zero-result rate of the Taobao queries under three query-understanding configurations.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query).") var queries = defaultQueries
    @Option(help: "Queries to use.") var limit = 100_000
    @Option(help: "Write the queries that find nothing (with sensible relaxation) to this file.") var emptyOut: String?

    func run() throws {
        warnIfDebug()
        let qs = try loadQueries(queries, limit: limit)
        let emptyQueries = Mutex<[String]>([])
        let expandedEngine = try engine.engine(), plainEngine = try engine.engine { $0.expansion = false }
        let index = expandedEngine.index
        let profiles = expandedEngine.profiles.current
        let expanded = expandedEngine.offers, plain = plainEngine.offers
        enum Mode: String, CaseIterable { case strict, anyRelaxation, sensible }
        let modes: [(String, OfferSearch, Mode)] = [
            ("strict AND, no relaxation, no synonyms/pinyin", plain, .strict),
            ("relaxation down to any unit (before this issue)", plain, .anyRelaxation),
            ("sensible relaxation + synonyms + pinyin + units", expanded, .sensible),
        ]
        print("\(qs.count) Taobao queries against \(try index.documentCount()) offers")
        for (name, search, mode) in modes {
            let empty = Counter()
            // Queries with a sensible answer in this catalog: some unit matches and is specific
            // (a product word of two characters or more, or a unit matching at most 1% of the
            // offers). Relaxation promises never to leave these empty.
            let inRange = Counter(), inRangeEmpty = Counter()
            let specificLimit = Double(try index.documentCount()) / 100
            let started = Date()
            DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { worker in
                var i = worker
                while i < qs.count {
                    defer { i += ProcessInfo.processInfo.activeProcessorCount }
                    guard let p = try? search.plan(SearchRequest(q: qs[i]), profiles: profiles) else { continue }
                    var rr = p.retrievalRequest
                    switch mode {
                    case .strict: rr.relaxBelow = 0
                    case .anyRelaxation: rr.specificShare = 1
                    case .sensible: break
                    }
                    // The shipped configuration is measured by searching, as a buyer would (place
                    // cues let go when nothing is there included).
                    let found =
                        mode == .sensible
                        ? ((try? search.search(SearchRequest(q: qs[i], size: 1), profiles: profiles).total) ?? 0)
                        : (try? index.withDatabase { db -> Int in
                            let (levels, level) = try Retriever.chooseLevels(rr, in: db)
                            var s = XapianSearch(query: p.units.conjunction(levels[level]).filtered(by: rr.filters), limit: 0)
                            s.weighting = .boolean
                            s.checkAtLeast = 1
                            return try db.search(s).matchesLowerBound
                        }) ?? 0
                    if found == 0 { empty.add() }
                    guard mode == .sensible else { continue }
                    if found == 0 { emptyQueries.withLock { $0.append(qs[i]) } }
                    let answerable =
                        (try? index.withDatabase { db -> Bool in
                            try p.units.units.contains { unit in
                                // Counted as the retriever counts a unit for relaxation.
                                let n = try Retriever.frequency(of: unit.query, db)
                                return n > 0 && ((unit.isProduct && unit.text.unicodeScalars.count >= 2) || Double(n) <= specificLimit)
                            }
                        }) ?? false
                    if answerable {
                        inRange.add()
                        if found == 0 { inRangeEmpty.add() }
                    }
                }
            }
            print(
                String(
                    format: "%-50@ zero results: %6d of %d = %5.1f%%   (%.0f s)", name as NSString, empty.value, qs.count,
                    100 * Double(empty.value) / Double(qs.count), Date().timeIntervalSince(started)))
            if mode == .sensible {
                if let emptyOut {
                    try emptyQueries.withLock { $0.sorted().joined(separator: "\n") }.write(
                        toFile: emptyOut, atomically: true, encoding: .utf8)
                }
                print(
                    String(
                        format: "  queries with a specific unit the catalog matches: zero results %d of %d = %.1f%%",
                        inRangeEmpty.value, inRange.value, 100 * Double(inRangeEmpty.value) / Double(max(1, inRange.value))))
            }
        }
    }
}

/// A counter shared by worker threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

struct SuggestBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suggest", abstract: "Suggestion latency, in process.")

    @OptionGroup var engine: EngineOptions
    @Option(help: "Query file (qid<TAB>query); prefixes are taken from its queries.") var queries = defaultQueries
    @Option var count = 5_000

    func run() throws {
        warnIfDebug()
        let started = Date()
        let understanding = try engine.engine().understanding
        print(String(format: "engine opened and vocabulary built in %.2f s", Date().timeIntervalSince(started)))
        var prefixes: [String] = []
        for (i, q) in try loadQueries(queries, limit: count).enumerated() {
            let scalars = Array(q.unicodeScalars)
            prefixes.append(String(String.UnicodeScalarView(scalars.prefix(1 + i % 3))))
        }
        prefixes += ["l", "li", "lian", "lianyi", "lyq", "bwb", "shouji", "sj", "b", "连", "保温", "手机"]
        var latency = Latencies()
        var empty = 0
        for p in prefixes {
            let s = try latency.time { try understanding.suggest(p, limit: 10) }
            if s.isEmpty { empty += 1 }
        }
        print("suggest (normalise + lookup), \(prefixes.count) prefixes: " + latency.summary + "  empty: \(empty)")
    }
}

struct ExpansionEvalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expansion", abstract: "Judged-set metrics with query expansion (synonyms, pinyin) off and on.")

    @OptionGroup var engine: EngineOptions
    @Option var queries = "Corpora/judgments/test.queries.tsv"
    @Option var qrels = "Corpora/judgments/test.qrels"

    func run() throws {
        let expanded = try engine.engine(), plain = try engine.engine { $0.expansion = false }
        let profiles = expanded.profiles.current
        let qs = try QuerySetFile.read(URL(fileURLWithPath: queries))
        let j = try Qrels.read(URL(fileURLWithPath: qrels))
        let off = Evaluation.evaluate(
            try Evaluator(search: plain.offers).run(qs, profiles: profiles, tag: "off"), qrels: j, queries: qs.map(\.qid))
        let on = Evaluation.evaluate(
            try Evaluator(search: expanded.offers).run(qs, profiles: profiles, tag: "on"), qrels: j, queries: qs.map(\.qid))
        print(Comparison.compare(off, on, nameA: "no expansion", nameB: "expansion", queries: qs).table, terminator: "")
    }
}
