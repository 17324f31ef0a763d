import Foundation
import Hummingbird
import HuopanCatalog

/// `PUT /v1/offers` (NDJSON upsert, admin), `GET` and `DELETE /v1/offers/{id}` (admin).
struct OfferRoutes: Sendable {
    let service: HuopanService

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.admin.put("/v1/offers") { request, context in
            let body = try await request.body(limit: service.configuration.maxBodyBytes, deadline: context.deadline)
            guard !body.isEmpty else {
                throw APIError(.badRequest, "invalid_request", "the body must hold offers, one JSON object per line")
            }
            let result = try await service.upsert(ndjson: body, deadline: context.deadline)
            // Nothing usable at all is the caller's mistake; a partly good batch is accepted with its rejects listed.
            if result.upserted == 0 {
                throw APIError(
                    .badRequest, "invalid_offers",
                    "no offer was accepted: " + result.rejected.prefix(5).map(\.description).joined(separator: "; "))
            }
            return try json(result)
        }
        groups.open.get("/v1/offers") { request, context in
            // The catalog page by page: ?size=N&after=CURSOR, the cursor being `next` of the page before.
            var size = 20
            var after: String?
            for (key, value) in FormQuery.parse(request.uri.query) {
                switch key {
                case "size":
                    guard let n = Int(value), (1...100).contains(n) else {
                        throw APIError(.badRequest, "invalid_request", "size: must be a whole number between 1 and 100, got \"\(value)\"")
                    }
                    size = n
                case "after":
                    guard !value.isEmpty, value.utf8.count <= 200 else {
                        throw APIError(.badRequest, "invalid_request", "after: must be the next cursor of a page (an offer id)")
                    }
                    after = value
                default:
                    throw APIError(.badRequest, "invalid_request", "\(key): unknown parameter (known: size, after)")
                }
            }
            let deadline = context.deadline
            let (pageSize, cursor) = (size, after)
            let (offers, next) = try await service.read(deadline: deadline) {
                try service.engine.offers(after: cursor, size: pageSize, deadline: deadline)
            }
            return try json(OfferPage(offers: offers, next: next))
        }
        groups.open.get("/v1/offers/{id}") { _, context in
            let id = try context.parameters.require("id")
            let deadline = context.deadline
            guard let offer = try await service.read(deadline: deadline, { try service.engine.offer(id: id, deadline: deadline) }) else {
                throw APIError(.notFound, "not_found", "no offer with id \"\(id)\"")
            }
            return try json(offer)
        }
        groups.admin.delete("/v1/offers/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard try await service.maintenance.delete(id: id, deadline: context.deadline) else {
                throw APIError(.notFound, "not_found", "no offer with id \"\(id)\"")
            }
            return try json(["deleted": id])
        }
    }
}

/// A page of `GET /v1/offers`.
struct OfferPage: Encodable {
    let offers: [JSONValue]
    /// Pass as `after` for the next page; absent on the last page.
    let next: String?
}
