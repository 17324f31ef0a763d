import Foundation
import Hummingbird
import HuopanCatalog

/// `PUT /v1/offers` (NDJSON upsert), `GET` and `DELETE /v1/offers/{id}`.
struct OfferRoutes: Sendable {
    let service: HuopanService
    let auth: AdminAuth

    func register(_ router: Router<BasicRequestContext>) {
        router.put("/v1/offers") { request, _ in
            _ = try auth.authenticate(request)
            var request = request
            let body = try await request.body(limit: service.configuration.maxBodyBytes)
            guard !body.isEmpty else { throw APIError(.badRequest, "invalid_request", "the body must hold offers, one JSON object per line") }
            let service = self.service
            let result = try await service.run { try service.upsert(ndjson: body) }
            // Nothing usable at all is the caller's mistake; a partly good batch is accepted with its rejects listed.
            if result.upserted == 0 {
                throw APIError(.badRequest, "invalid_offers",
                               "no offer was accepted: " + result.rejected.prefix(5).map(\.description).joined(separator: "; "))
            }
            return try json(result)
        }
        router.get("/v1/offers/{id}") { _, context in
            let id = try context.parameters.require("id")
            let service = self.service
            guard let offer = try await service.run({ try service.offer(id: id) }) else {
                throw APIError(.notFound, "not_found", "no offer with id \"\(id)\"")
            }
            return try json(offer)
        }
        router.delete("/v1/offers/{id}") { request, context in
            _ = try auth.authenticate(request)
            let id = try context.parameters.require("id")
            let service = self.service
            guard try await service.run({ try service.delete(id: id) }) else {
                throw APIError(.notFound, "not_found", "no offer with id \"\(id)\"")
            }
            return try json(["deleted": id])
        }
    }
}
