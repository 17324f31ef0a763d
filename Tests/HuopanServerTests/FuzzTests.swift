import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanEngine
import HuopanEval
import HuopanRanking
import HuopanTestSupport
import HuopanText
import Testing

@testable import HuopanServer

/// Property-based fuzzing with a fixed budget: whatever a client or a catalog
/// line holds, parsing ends in a value or an error, never a crash. Inputs mix
/// JSON syntax, CJK, full-width forms, control characters, invalid UTF-8 and
/// fragments of valid records.
@Suite struct FuzzTests {
    static let budget = 3_000
    static let alphabet: [String] = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "0", "1", "-", ".", "e", "9", " ", "\n", "\t",
        "null", "true", "false", "连衣裙", "ｈｗｙ", "１４", "-", "_", "/", "米", "件", "元", "批发", "以内", "义乌", "\u{0}", "\u{7}",
        "\u{FFFD}", "😀", "𠀀", "連衣裙", "id", "title", "price_tiers", "min_qty", "unit_price", "supplier", "kind", "factory",
        "@", "ndcg", "map", "=", "&", "%", "filter.", "q", "size", "%E8", "ı", "ß", "\u{200B}", "Ⅲ", "℃", "○",
    ]

    static func text(_ rng: inout SeededRandom, max: Int = 30) -> String {
        (0..<Int(rng.next() % UInt64(max))).map { _ in rng.pick(alphabet) }.joined()
    }

    static func bytes(_ rng: inout SeededRandom) -> [UInt8] {
        var b = Array(text(&rng).utf8)
        for _ in 0..<Int(rng.next() % 4) where !b.isEmpty { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
        return b
    }

    @Test func analyzerAndQueryCues() throws {
        var rng = SeededRandom(seed: 1)
        let analyzer = Fixtures.analyzer()
        let reader = QueryCueReader(lexicon: Fixtures.lexicon)
        for _ in 0..<Self.budget {
            let s = rng.chance(0.2) ? String(decoding: Self.bytes(&rng), as: UTF8.self) : Self.text(&rng, max: 60)
            let a = try analyzer.analyze(s)
            for seg in a.segments { #expect(seg.start < seg.end && seg.end <= a.utf8.count) }
            _ = reader.read(try analyzer.normalize(s))
            _ = UnitNormalizer.canonical(s)
        }
    }

    @Test func jsonAndCatalogLines() {
        var rng = SeededRandom(seed: 2)
        let good = Array(String(decoding: Fixtures.jsonl([Fixtures.offer("x", title: "保温杯")]), as: UTF8.self).utf8.dropLast())
        for i in 0..<Self.budget {
            var line = i % 3 == 0 ? good : Self.bytes(&rng)
            if i % 3 == 0 {
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let at = Int(rng.next() % UInt64(line.count))
                    if rng.chance(0.5) { line.remove(at: at) } else { line.insert(contentsOf: Array(Self.text(&rng, max: 4).utf8), at: at) }
                }
            }
            _ = try? JSONValue.parse(line)
            switch CatalogReader().decode(line, lineNumber: i + 1) {
            case .success(let o): #expect(o.validate().isEmpty)
            case .failure(let r): #expect(r.line == i + 1 && !r.reason.isEmpty)
            }
        }
    }

    @Test func profilesWithExtremeNumbersValidateWithoutTrapping() {
        var rng = SeededRandom(seed: 4)
        let numbers = ["0", "-1", "1", "101", "1e308", "-1e308", "0.5", "2147483648", "-9007199254740993"]
        let fields = ["window", "default_qty", "relax_below", "prior_weight", "match_phase_max_hits"]
        for _ in 0..<Self.budget {
            var json = #"{"name":"p","weights":{"text_bm25":\#(rng.pick(numbers))}"#
            for f in fields where rng.chance(0.5) { json += #","\#(f)":\#(rng.pick(numbers))"# }
            json += #","diversity":{"max_per_supplier":\#(rng.pick(numbers)),"page_size":\#(rng.pick(numbers))}"#
            json += #","exposure":{"slot":\#(rng.pick(numbers)),"lookahead":\#(rng.pick(numbers)),"min_service":\#(rng.pick(numbers))}"#
            json += #","bm25":{"k1":\#(rng.pick(numbers)),"b":\#(rng.pick(numbers))}}"#
            // Either a profile that validates, or an error naming one of the fields it was given.
            do {
                let p = try RankingProfile.decode(Data(json.utf8))
                #expect(p.validate().isEmpty, "\(json)")
            } catch {
                #expect(!error.field.isEmpty && !error.reason.isEmpty, "\(json): \(error)")
            }
        }
    }

    @Test func searchParametersProfilesAndMetrics() {
        var rng = SeededRandom(seed: 3)
        let keys = [
            "q", "intent", "qty", "page", "size", "sort", "explain", "facets", "filter.price_max", "filter.region",
            "filter.dropship", "filter.max_moq", "filter.nope", "profile", "channel", "x",
        ]
        for _ in 0..<Self.budget {
            let pairs = (0..<Int(rng.next() % 5)).map { _ in (rng.pick(keys), Self.text(&rng, max: 8)) }
            // A URL either parses into a request or is refused naming one of its parameters.
            do {
                _ = try SearchRoutes.parse(pairs).validate()
            } catch let e as APIError {
                #expect(
                    e.status == .badRequest && pairs.contains { e.message.hasPrefix($0.0) || e.message.hasPrefix("filters.") },
                    "\(pairs): \(e.message)")
            } catch let e as FieldIssue {
                #expect(e.field.hasPrefix("filters."), "\(pairs): \(e)")
            } catch {
                Issue.record("\(pairs): unexpected \(error)")
            }
            _ = Metric(Self.text(&rng, max: 6))
            _ = try? RankingProfile.decode(Data(Self.bytes(&rng)))
            _ = try? JSONDecoder().decode(SearchRequest.self, from: Data(Self.bytes(&rng)))
            _ = try? QuerySetFile.parse(Self.text(&rng))
            _ = try? Qrels.parse(Self.text(&rng))
            _ = try? Run.parse(Self.text(&rng))
        }
    }
}
