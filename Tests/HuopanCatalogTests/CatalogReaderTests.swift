import Foundation
import HuopanTestSupport
import Testing

@testable import HuopanCatalog

@Suite struct CatalogReaderTests {
    static let good =
        #"{"id":"a1","title":"连衣裙","category":["女装","连衣裙"],"supplier":{"id":"s1","name":"厂","kind":"factory"},"price_tiers":[{"min_qty":2,"unit_price":30},{"min_qty":50,"unit_price":25}],"moq":2,"listed_at":"2026-01-02"}"#

    func reject(_ line: String) -> RejectedLine? {
        if case .failure(let r) = CatalogReader().decode(Array(line.utf8), lineNumber: 7) { return r }
        return nil
    }

    @Test func acceptsAMinimalRecordWithDefaults() throws {
        guard case .success(let o) = CatalogReader().decode(Array(Self.good.utf8), lineNumber: 1) else {
            Issue.record("rejected")
            return
        }
        #expect(o.id == "a1" && o.moq == 2 && o.priceTiers.count == 2 && !o.dropship && o.stats == OfferStats())
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (String) -> String
        let field: String
        let reason: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "malformed", change: { _ in "{\"id\": " }, field: "id", reason: "malformed JSON"),
        Bad(
            name: "missing title", change: { $0.replacingOccurrences(of: #""title":"连衣裙","#, with: "") }, field: "title",
            reason: "is required"),
        Bad(
            name: "wrong type", change: { $0.replacingOccurrences(of: #""moq":2"#, with: #""moq":"2""#) }, field: "moq",
            reason: "expected an integer"),
        Bad(
            name: "fractional int", change: { $0.replacingOccurrences(of: #""moq":2"#, with: #""moq":2.5"#) }, field: "moq",
            reason: "expected an integer"),
        Bad(
            name: "unknown field", change: { $0.replacingOccurrences(of: #""moq":2"#, with: #""moq":2,"colour":"red""#) }, field: "colour",
            reason: "unknown field"),
        Bad(
            name: "unknown nested", change: { $0.replacingOccurrences(of: #""kind":"factory""#, with: #""kind":"factory","size":3"#) },
            field: "supplier.size", reason: "unknown field"),
        Bad(
            name: "bad enum", change: { $0.replacingOccurrences(of: #""factory""#, with: #""farm""#) }, field: "supplier.kind",
            reason: "must be one of"),
        Bad(
            name: "negative price", change: { $0.replacingOccurrences(of: #""unit_price":25"#, with: #""unit_price":-1"#) },
            field: "price_tiers[1].unit_price", reason: "positive"),
        Bad(
            name: "tiers not ascending", change: { $0.replacingOccurrences(of: #""min_qty":50"#, with: #""min_qty":1"#) },
            field: "price_tiers[1].min_qty", reason: "ascending"),
        Bad(
            name: "rate out of range", change: { $0.replacingOccurrences(of: #""moq":2"#, with: #""moq":2,"stats":{"reply_rate":1.5}"#) },
            field: "stats.reply_rate", reason: "between 0 and 1"),
        Bad(
            name: "bad date", change: { $0.replacingOccurrences(of: "2026-01-02", with: "yesterday") }, field: "listed_at",
            reason: "YYYY-MM-DD"),
        Bad(
            name: "empty title", change: { $0.replacingOccurrences(of: #""title":"连衣裙""#, with: #""title":"  ""#) }, field: "title",
            reason: "must not be empty"),
        Bad(name: "not an object", change: { _ in "[1,2]" }, field: "", reason: "expected an object"),
    ]

    @Test(arguments: bad)
    func rejectsWithLineFieldAndReason(b: Bad) throws {
        let r = try #require(reject(b.change(Self.good)))
        #expect(r.line == 7)
        #expect(r.field == b.field)
        #expect(r.reason.contains(b.reason), "\(r.reason)")
    }

    @Test func keepsGoodLinesAndReportsEveryBadOne() {
        let text = [Self.good, "not json", "", Self.good.replacingOccurrences(of: "a1", with: "a2"), #"{"id":"x"}"#].joined(separator: "\n")
        let (offers, rejected) = CatalogReader().read(Data(text.utf8))
        #expect(offers.map(\.id) == ["a1", "a2"])
        #expect(rejected.map(\.line) == [2, 5])
        #expect(rejected[1].id == "x")
        #expect(rejected[1].field == "title")
    }

    @Test func rejectsOverlongLinesUnparsed() {
        var reader = CatalogReader()
        reader.maxLineBytes = 100
        guard case .failure(let r) = reader.decode(Array(Self.good.utf8), lineNumber: 3) else { Issue.record("accepted"); return }
        #expect(r.reason.contains("longer than 100"))
    }

    @Test func unreadableCatalogIsAnError() {
        #expect(throws: CatalogError.self) { try CatalogReader().read(contentsOf: URL(fileURLWithPath: "/nonexistent/catalog.jsonl")) }
    }
}
