import Foundation
import Hummingbird
import HuopanEngine

/// `POST /v1/reindex` (admin: a catalog path under the data root, or an uploaded JSONL
/// body) and `GET /v1/reindex/{job}` (operator: job details name files and people).
struct ReindexRoutes: Sendable {
    let service: HuopanService

    struct PathBody: Decodable {
        let path: String
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.admin.post("/v1/reindex") { request, context in
            let contentType = request.headers[.contentType] ?? ""
            let source: IndexMaintenance.ReindexSource
            if contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/jsonl") {
                let data = try await request.body(limit: service.configuration.maxBodyBytes, deadline: context.deadline)
                guard !data.isEmpty else { throw APIError(.badRequest, "invalid_request", "the uploaded catalog is empty") }
                source = .upload(data)
            } else {
                let body = try await request.decodeJSON(
                    PathBody.self, limit: service.configuration.maxJSONBytes, deadline: context.deadline)
                source = .file(try service.maintenance.resolveCatalogPath(body.path))
            }
            let job = try service.maintenance.startReindex(source, by: context.author)
            var response = try json(job, status: .accepted)
            response.headers[.location] = "/v1/reindex/\(job.id)"
            return response
        }
        groups.operators.get("/v1/reindex/{job}") { _, context in
            let id = try context.parameters.require("job")
            guard let job = service.engine.maintenance?.jobs.status(id) else {
                throw APIError(.notFound, "not_found", "no reindex job \"\(id)\"")
            }
            return try json(job)
        }
    }
}
