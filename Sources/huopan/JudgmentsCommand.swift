import ArgumentParser
import Foundation
import HuopanEval

/// `huopan judgments --from-events DIR`: a judged set from what buyers did.
struct JudgmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judgments",
        abstract: "Derive graded judgments from a server's search log and behaviour events (COEC or SDBN click model).",
        discussion: """
            Reads STATE_DIR/behaviour (the server's state_dir) and writes OUT.queries.tsv and OUT.qrels, a judged set \
            that eval, compare and tune read like any other (--judgments-dir DIR --set NAME).
            """)

    @Option(name: .customLong("from-events"), help: "The server's state directory (its behaviour/ logs are read).")
    var stateDir: String
    @Option(help: "Click model: coec (clicks over expected clicks) or sdbn (simplified DBN, cascade).")
    var model: ImplicitJudgments.Model = .coec
    @Option(help: "Judge an offer for a query only once it was shown this many times.") var minImpressions = 10
    @Option(help: "Keep some queries: top (most searched), random, or pps (probability proportional to searches).")
    var sample: String?
    @Option(help: "Queries to keep when sampling.") var n = 100
    @Option(help: "Seed of random and pps sampling.") var seed: UInt64 = 1
    @Option(help: "Output prefix: writes OUT.queries.tsv and OUT.qrels.") var out: String
    @Flag(help: "Replace output files that exist.") var force = false

    func run() throws {
        let directory = URL(fileURLWithPath: stateDir).appendingPathComponent("behaviour")
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw CLIError("no behaviour logs in \(directory.path): point --from-events at a server's state_dir")
        }
        var sampling: ImplicitJudgments.Sampling?
        switch sample {
        case nil: sampling = nil
        case "top": sampling = .top(n)
        case "random": sampling = .random(n, seed: seed)
        case "pps": sampling = .pps(n, seed: seed)
        case let other?: throw ValidationError("--sample must be top, random or pps, not \(other)")
        }
        let queriesFile = out + ".queries.tsv", qrelsFile = out + ".qrels"
        if !force, let existing = [queriesFile, qrelsFile].first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw CLIError("\(existing) exists; pass --force to replace it")
        }
        let (searches, events) = try BehaviourLog.read(directory: directory)
        var result = ImplicitJudgments(model: model, minImpressions: minImpressions).derive(searches: searches, events: events)
        if let sampling { result = ImplicitJudgments.sample(result, sampling) }
        try QuerySetFile.format(result.queries.map(\.query)).write(toFile: queriesFile, atomically: true, encoding: .utf8)
        try result.qrels.format().write(toFile: qrelsFile, atomically: true, encoding: .utf8)
        let grades = result.evidence.reduce(into: [0, 0, 0, 0]) { $0[$1.grade] += 1 }
        print(
            "\(result.searches) searches, \(result.events) events (\(result.unmatchedEvents) with an unknown query_id) → "
                + "\(result.queries.count) queries, \(result.evidence.count) judgments (grades 0–3: \(grades.map(String.init).joined(separator: "/"))) "
                + "→ \(queriesFile), \(qrelsFile)")
    }
}

extension ImplicitJudgments.Model: ExpressibleByArgument {}
