import ArgumentParser
import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the index with full ranking.",
        discussion: """
            Examples:
              huopan search --db var/index 连衣裙
              huopan search --db var/index --intent bulk_wholesale --qty 1000 --explain 保温杯
              huopan search --db var/index --filter region=义乌 --filter price_max=5 --json 发夹
            """)

    @OptionGroup var engine: EngineOptions
    @Option(help: "Hits per page (1-100).") var limit = 10
    @Option(help: "Page (1-based).") var page = 1
    @Option(help: "Buyer intent: \(BuyerIntent.allCases.map(\.rawValue).joined(separator: ", ")).") var intent: String?
    @Option(help: "Planned quantity in pieces.") var qty: Int?
    @Option(help: "Sales channel (taobao, pinduoduo, douyin ...).") var channel: String?
    @Option(help: "Ranking profile by name (default: chosen by intent and channel).") var profile: String?
    @Option(help: "Filter name=value, repeatable (\(OfferFilters.fields.map(\.name).joined(separator: ", "))).")
    var filter: [String] = []
    @Option(help: "Facets to count (category, region, province, belt, supplier_kind), repeatable.") var facet: [String] = []
    @Option(help: "relevance, price_asc, price_desc, sales_desc, newest.") var sort = "relevance"
    @Flag(help: "Explain each hit's score.") var explain = false
    @Flag(help: "Factory search: return suppliers, each with its best matching offers.") var suppliers = false
    @Flag(help: "Print one JSON object.") var json = false
    @Argument(help: "The query (several words are joined with spaces, so quotes are optional).") var words: [String] = []

    func validate() throws {
        guard (1...SearchRequest.Limits.maxSize).contains(limit) else {
            throw ValidationError("--limit must be between 1 and \(SearchRequest.Limits.maxSize)")
        }
        guard (1...SearchRequest.Limits.maxPage).contains(page) else {
            throw ValidationError("--page must be between 1 and \(SearchRequest.Limits.maxPage)")
        }
    }

    func run() throws {
        var request = SearchRequest(
            q: words.joined(separator: " "), qty: qty, channel: channel, profile: profile, page: page, size: limit,
            explain: explain, asOf: engine.asOf)
        if let intent {
            guard let i = BuyerIntent(rawValue: intent) else {
                throw CLIError("--intent must be one of \(BuyerIntent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.intent = i
        }
        guard let s = SearchRequest.SortOrder(rawValue: sort) else {
            throw CLIError("--sort must be one of \(SearchRequest.SortOrder.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        request.sort = s
        request.facets = try facet.map { f in
            guard let x = SearchRequest.Facet(rawValue: f) else {
                throw CLIError("--facet must be one of \(SearchRequest.Facet.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return x
        }
        var pairs: [(String, String)] = []
        for given in filter {
            let parts = given.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw CLIError("--filter \(given): expected name=value") }
            pairs.append((parts[0], parts[1]))
        }
        do {
            request.filters = try OfferFilters(parameters: pairs)
        } catch {
            throw CLIError("--filter \(error)")
        }
        let engine = try self.engine.engine()
        let profileSet = engine.profiles.current
        if suppliers {
            let r: SupplierSearchResponse
            do {
                r = try engine.suppliers.search(request, profiles: profileSet)
            } catch let e as SearchError {
                throw CLIError(e.description)
            }
            try printSuppliers(r)
            return
        }
        let response: SearchResponse
        do {
            response = try engine.offers.search(request, profiles: profileSet)
        } catch let e as SearchError {
            throw CLIError(e.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(response), as: UTF8.self))
            return
        }
        print(
            String(
                format: "%d offers%@ · profile %@ · intent %@ (%@) · qty %d (%@) · %.1f ms",
                response.total, response.totalExact ? "" : "+", response.profile, response.intent?.rawValue ?? "none",
                response.intentSource, response.qty, response.qtySource, response.tookMs))
        print(
            "query units: \(response.query.units.joined(separator: " | "))"
                + (response.query.cues.isEmpty
                    ? "" : " · cues: " + response.query.cues.map { "\($0.text)→\($0.value)" }.joined(separator: ", "))
                + (response.query.dropped.isEmpty ? "" : " · relaxed, dropped: " + response.query.dropped.joined(separator: ", ")))
        for hit in response.hits {
            let supplier = hit.offer["supplier"]
            print(String(format: "%3d. %7.3f  ¥%-8.2f %@  %@", hit.rank, hit.score, hit.priceAtQty, hit.id, hit.title))
            print(
                "               \(supplier?["name"]?.stringValue ?? "") · \(supplier?["kind"]?.stringValue ?? "") · \(supplier?["region"]?.stringValue ?? "")"
                    + (hit.tier > 0 ? " · tier \(hit.tier)" : ""))
            if let e = hit.explanation {
                let parts = e.contributions.sorted { $0.value > $1.value }.prefix(6).map { String(format: "%@ %.2f", $0.key, $0.value) }
                print("               " + parts.joined(separator: ", ") + (e.diversity.map { " · " + $0 } ?? ""))
            }
        }
        for (name, values) in response.facets.sorted(by: { $0.key < $1.key }) {
            print("\(name): " + values.prefix(10).map { "\($0.value) (\($0.count))" }.joined(separator: ", "))
        }
    }
}

extension SearchCommand {
    func printSuppliers(_ r: SupplierSearchResponse) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
            return
        }
        print(
            String(
                format: "%d suppliers · profile %@ · intent %@ · qty %d · %.1f ms", r.total, r.profile,
                r.intent?.rawValue ?? "none", r.qty, r.tookMs))
        for s in r.suppliers {
            print(
                String(
                    format: "%3d. %7.3f  %@  %@ · %@ · %@ (%@) · %d matching offers", s.rank, s.score, s.id, s.name,
                    s.kind.rawValue, s.region, s.belt, s.matchingOffers))
            for o in s.offers { print(String(format: "          %7.3f  ¥%-8.2f %@  %@", o.score, o.priceAtQty, o.id, o.title)) }
            if let e = s.explanation {
                print(
                    "          "
                        + e.contributions.sorted { $0.value > $1.value }.prefix(6).map { String(format: "%@ %.2f", $0.key, $0.value) }
                        .joined(separator: ", "))
            }
        }
        for (name, values) in r.facets.sorted(by: { $0.key < $1.key }) {
            print("\(name): " + values.prefix(10).map { "\($0.value) (\($0.count))" }.joined(separator: ", "))
        }
    }
}
