import ArgumentParser
import Foundation
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Show how queries are read: units, synonyms and pinyin, cues, intent, quantity, filters.")

    @OptionGroup var engine: EngineOptions
    @Flag(help: "One JSON object per query (read from standard input, one per line, when no query is given).") var json = false
    @Argument(help: "Queries.") var queries: [String] = []

    struct Line: Encodable {
        let query: String
        let units: [String]
        let alternatives: [String: [String]]
        let cues: [String]
        let intent: String?
        let qty: Int?
        let filters: OfferFilters
    }

    func run() throws {
        let engine = try self.engine.engine()
        let search = engine.offers
        let profiles = engine.profiles.current
        var input = queries
        if input.isEmpty { while let line = readLine() { input.append(line) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for q in input {
            let p = try search.plan(SearchRequest(q: q), profiles: profiles)
            let analyzed = p.query.analyzed
            let line = Line(
                query: q, units: analyzed.units, alternatives: analyzed.alternatives,
                cues: analyzed.cues.map { "\($0.kind.rawValue):\($0.text)=\($0.value)" },
                intent: p.intent?.rawValue, qty: p.cues.qty, filters: p.filters)
            if json {
                print(String(decoding: try encoder.encode(line), as: UTF8.self))
            } else {
                print(
                    "\(q)\n  units \(line.units.joined(separator: " | "))"
                        + (line.alternatives.isEmpty
                            ? ""
                            : "\n  alternatives "
                                + line.alternatives.sorted { $0.key < $1.key }
                                .map { "\($0.key) → \($0.value.joined(separator: " / "))" }.joined(separator: "; "))
                        + (line.cues.isEmpty ? "" : "\n  cues \(line.cues.joined(separator: ", "))")
                        + "\n  intent \(line.intent ?? "-") qty \(line.qty.map(String.init) ?? "-")")
            }
        }
    }
}
