import Foundation
import Hummingbird
import HuopanCatalog
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText

/// `GET /v1/search?q=…` and `POST /v1/search` (JSON body): offer search.
struct SearchRoutes: Sendable {
    let service: HuopanService

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.open.get("/v1/search") { request, context in
            let r = try Self.parse(FormQuery.parse(request.uri.query))
            return try await run(r, deadline: context.deadline)
        }
        groups.open.post("/v1/search") { request, context in
            let r = try await request.decodeJSON(SearchRequest.self, limit: service.configuration.maxJSONBytes, deadline: context.deadline)
            return try await run(r, deadline: context.deadline)
        }
        groups.open.get("/v1/suppliers/search") { request, context in
            let r = try Self.parse(FormQuery.parse(request.uri.query))
            let deadline = context.deadline
            let response = try await service.read(deadline: deadline) {
                try service.engine.suppliers.search(r, profiles: service.engine.profiles.current, deadline: deadline)
            }
            return try json(response)
        }
        groups.open.get("/v1/suggest") { request, context in
            let pairs = FormQuery.parse(request.uri.query)
            for (key, _) in pairs where key != "q" && key != "limit" {
                throw APIError(.badRequest, "invalid_request", "\(key): unknown parameter (known: q, limit)")
            }
            let params = Dictionary(pairs, uniquingKeysWith: { _, last in last })
            let q = params["q"] ?? ""
            guard q.unicodeScalars.count <= 50 else { throw APIError(.badRequest, "invalid_request", "q: at most 50 characters") }
            guard let limit = Int(params["limit"] ?? "10"), (1...50).contains(limit) else {
                throw APIError(.badRequest, "invalid_request", "limit: must be an integer from 1 to 50")
            }
            let suggestions = try await service.read(deadline: context.deadline) { () throws -> [Suggestion] in
                try service.engine.understanding.suggest(q, limit: limit)
            }
            return try json(["q": AnyEncodable(q), "suggestions": AnyEncodable(suggestions)])
        }
    }

    private func run(_ r: SearchRequest, deadline: Deadline) async throws -> Response {
        let service = self.service
        let bytes = try await service.read(deadline: deadline) {
            var (response, cached) = try service.engine.search(r, deadline: deadline)
            if service.engine.cache.isEnabled, ResultCache.isCacheable(r) { service.metrics.recordSearch(cached: cached) }
            response.queryId = UUID().uuidString.lowercased()
            service.logSearch(r, response, cached: cached)
            return try response.jsonBytes()
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static let scalarKeys: Set<String> = [
        "q", "intent", "qty", "channel", "profile", "page", "size", "sort", "explain", "facets", "facet", "as_of", "client_id",
        "session_id",
    ]

    /// Reads the URL form: `q`, `intent`, `qty`, `channel`, `profile`, `page`,
    /// `size`, `sort`, `explain`, `facets` (comma-separated or repeated `facet`),
    /// and filters as `filter.<name>=<value>`. Unknown parameters are refused.
    static func parse(_ pairs: [(String, String)]) throws -> SearchRequest {
        var r = SearchRequest()
        var filters: [(String, String)] = []
        func int(_ name: String, _ value: String) throws -> Int {
            guard let n = Int(value) else {
                throw APIError(.badRequest, "invalid_request", "\(name): expected an integer, got \"\(value)\"")
            }
            return n
        }
        for (key, value) in pairs {
            if key.hasPrefix("filter.") {
                filters.append((String(key.dropFirst("filter.".count)), value))
                continue
            }
            switch key {
            case "q": r.q = value
            case "intent":
                guard let i = BuyerIntent(rawValue: value) else {
                    throw APIError(
                        .badRequest, "invalid_request",
                        "intent: must be one of \(BuyerIntent.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(value)\"")
                }
                r.intent = i
            case "qty": r.qty = try int(key, value)
            case "channel": r.channel = value
            case "as_of": r.asOf = value
            case "client_id": r.clientId = value
            case "session_id": r.sessionId = value
            case "profile": r.profile = value
            case "page": r.page = try int(key, value)
            case "size": r.size = try int(key, value)
            case "sort":
                guard let s = SearchRequest.SortOrder(rawValue: value) else {
                    throw APIError(
                        .badRequest, "invalid_request",
                        "sort: must be one of \(SearchRequest.SortOrder.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                r.sort = s
            case "explain":
                guard let b = ["true": true, "1": true, "false": false, "0": false][value.lowercased()] else {
                    throw APIError(.badRequest, "invalid_request", "explain: expected true or false")
                }
                r.explain = b
            case "facets", "facet":
                for name in value.split(separator: ",").map(String.init) {
                    guard let f = SearchRequest.Facet(rawValue: name) else {
                        throw APIError(
                            .badRequest, "invalid_request",
                            "facets: unknown facet \"\(name)\" (known: \(SearchRequest.Facet.allCases.map(\.rawValue).joined(separator: ", ")))"
                        )
                    }
                    if !r.facets.contains(f) { r.facets.append(f) }
                }
            default:
                throw APIError(
                    .badRequest, "invalid_request",
                    "\(key): unknown parameter (known: \(scalarKeys.sorted().joined(separator: ", ")), filter.<name>)")
            }
        }
        r.filters = try OfferFilters(parameters: filters)
        return r
    }
}
