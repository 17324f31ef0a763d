// HuopanEval: offline relevance evaluation. Query sets, graded judgments and
// runs in TREC formats, trec_eval's metrics, run-vs-run comparison with a
// paired randomization test, judged sets from the generator's ground truth, a
// buyer simulator whose logs become judgments, and weight tuning.
import Foundation
import HuopanText

/// A problem in an evaluation file, with its line.
public struct FormatError: Error, CustomStringConvertible, Sendable, Hashable {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

/// One query of a query set.
public struct JudgedQuery: Codable, Sendable, Hashable {
    public var qid: String
    public var query: String
    public var intent: BuyerIntent?
    public var qty: Int?
    public var channel: String?

    public init(qid: String, query: String, intent: BuyerIntent? = nil, qty: Int? = nil, channel: String? = nil) {
        self.qid = qid
        self.query = query
        self.intent = intent
        self.qty = qty
        self.channel = channel
    }
}

/// Query sets as TSV: `qid<TAB>query<TAB>intent<TAB>qty<TAB>channel`, empty
/// fields allowed, `#` comments and a header line starting with `qid` skipped.
public enum QuerySetFile {
    public static func parse(_ text: String, file: String = "queries") throws -> [JudgedQuery] {
        var out: [JudgedQuery] = []
        var errors: [FormatError] = []
        var seen = Set<String>()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.isEmpty || line.hasPrefix("#") || (i == 0 && line.hasPrefix("qid\t")) { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ r: String) { errors.append(FormatError(file: file, line: i + 1, reason: r)) }
            guard f.count >= 2, f.count <= 5 else {
                fail("expected 2 to 5 tab-separated fields (qid, query, intent, qty, channel), got \(f.count)"); continue
            }
            guard !f[0].isEmpty else { fail("empty qid"); continue }
            guard seen.insert(f[0]).inserted else { fail("duplicate qid \(f[0])"); continue }
            var q = JudgedQuery(qid: f[0], query: f[1])
            if f.count > 2, !f[2].isEmpty {
                guard let intent = BuyerIntent(rawValue: f[2]) else { fail("unknown intent \"\(f[2])\""); continue }
                q.intent = intent
            }
            if f.count > 3, !f[3].isEmpty {
                guard let qty = Int(f[3]), qty > 0 else { fail("qty must be a positive integer, got \"\(f[3])\""); continue }
                q.qty = qty
            }
            if f.count > 4, !f[4].isEmpty { q.channel = f[4] }
            out.append(q)
        }
        if let first = errors.first {
            throw errors.count == 1
                ? first
                : FormatError(
                    file: first.file, line: first.line,
                    reason: first.reason + " (and \(errors.count - 1) more bad lines: "
                        + errors.dropFirst().prefix(5).map { "line \($0.line)" }.joined(separator: ", ") + ")")
        }
        return out
    }

    public static func read(_ url: URL) throws -> [JudgedQuery] {
        try parse(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    public static func format(_ queries: [JudgedQuery]) -> String {
        "qid\tquery\tintent\tqty\tchannel\n"
            + queries.map {
                [$0.qid, $0.query, $0.intent?.rawValue ?? "", $0.qty.map(String.init) ?? "", $0.channel ?? ""].joined(separator: "\t")
            }.joined(separator: "\n") + "\n"
    }
}

/// Graded judgments: qid → offer id → grade (0–3).
public struct Qrels: Sendable, Hashable {
    public var grades: [String: [String: Int]]

    public init(_ grades: [String: [String: Int]] = [:]) { self.grades = grades }

    public func grade(_ qid: String, _ doc: String) -> Int { grades[qid]?[doc] ?? 0 }

    /// TREC qrels: `qid 0 docid grade` (whitespace-separated), grades 0–3.
    public static func parse(_ text: String, file: String = "qrels") throws -> Qrels {
        var q = Qrels()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count == 4 else {
                throw FormatError(file: file, line: i + 1, reason: "expected `qid 0 docid grade`, got \(f.count) fields")
            }
            guard let g = Int(f[3]), (0...3).contains(g) else {
                throw FormatError(file: file, line: i + 1, reason: "grade must be an integer from 0 to 3, got \"\(f[3])\"")
            }
            q.grades[String(f[0]), default: [:]][String(f[2])] = g
        }
        return q
    }

    public static func read(_ url: URL) throws -> Qrels {
        try parse(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    public func format() -> String {
        grades.keys.sorted().flatMap { qid in
            grades[qid]!.sorted { $0.key < $1.key }.map { "\(qid) 0 \($0.key) \($0.value)" }
        }.joined(separator: "\n") + "\n"
    }
}

/// A run: per query, offers in ranked order with scores.
public struct Run: Sendable, Hashable {
    public var tag: String
    public var results: [String: [(doc: String, score: Double)]]

    public init(tag: String, results: [String: [(doc: String, score: Double)]] = [:]) {
        self.tag = tag
        self.results = results
    }

    public static func == (a: Run, b: Run) -> Bool {
        a.tag == b.tag && a.results.keys == b.results.keys
            && a.results.allSatisfy { k, v in b.results[k]!.map(\.doc) == v.map(\.doc) && b.results[k]!.map(\.score) == v.map(\.score) }
    }

    public func hash(into h: inout Hasher) { h.combine(tag); h.combine(results.count) }

    public func ranking(_ qid: String) -> [String] { results[qid]?.map(\.doc) ?? [] }

    /// TREC run: `qid Q0 docid rank score tag`. Read the way trec_eval reads
    /// it: ordered by score descending, ties by docid descending (the rank
    /// column is ignored).
    public static func parse(_ text: String, file: String = "run") throws -> Run {
        var run = Run(tag: "")
        var seen: [String: Set<String>] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count == 6 else {
                throw FormatError(file: file, line: i + 1, reason: "expected `qid Q0 docid rank score tag`, got \(f.count) fields")
            }
            guard Int(f[3]) != nil else { throw FormatError(file: file, line: i + 1, reason: "rank must be an integer, got \"\(f[3])\"") }
            guard let score = Double(f[4]), score.isFinite else {
                throw FormatError(file: file, line: i + 1, reason: "score must be a finite number, got \"\(f[4])\"")
            }
            let qid = String(f[0]), doc = String(f[2])
            guard seen[qid, default: []].insert(doc).inserted else {
                throw FormatError(file: file, line: i + 1, reason: "offer \(doc) listed twice for query \(qid)")
            }
            run.tag = String(f[5])
            run.results[qid, default: []].append((doc, score))
        }
        for (qid, list) in run.results {
            run.results[qid] = list.sorted { $0.score != $1.score ? $0.score > $1.score : $0.doc > $1.doc }
        }
        return run
    }

    public static func read(_ url: URL) throws -> Run {
        try parse(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    /// Writes the run. Scores are made strictly decreasing with rank (an equal
    /// score is nudged down by 1e-6) so every reader orders it as ranked.
    public func format() -> String {
        var lines: [String] = []
        for qid in results.keys.sorted() {
            var previous = Double.infinity
            for (i, r) in results[qid]!.enumerated() {
                let score = min(r.score, previous - 1e-6)
                previous = score
                lines.append("\(qid) Q0 \(r.doc) \(i + 1) \(String(format: "%.9f", score)) \(tag.isEmpty ? "huopan" : tag)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
