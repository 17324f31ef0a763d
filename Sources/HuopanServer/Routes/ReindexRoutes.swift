import Foundation
import Hummingbird

/// `POST /v1/reindex` (a catalog path under the data root, or an uploaded
/// JSONL body) and `GET /v1/reindex/{job}`.
struct ReindexRoutes: Sendable {
    let service: HuopanService
    let auth: AdminAuth

    struct PathBody: Decodable {
        let path: String
    }

    func register(_ router: Router<BasicRequestContext>) {
        router.post("/v1/reindex") { request, _ in
            let author = try auth.authenticate(request)
            var request = request
            let contentType = request.headers[.contentType] ?? ""
            let source: HuopanService.ReindexSource
            if contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/jsonl") {
                let data = try await request.body(limit: service.configuration.maxBodyBytes)
                guard !data.isEmpty else { throw APIError(.badRequest, "invalid_request", "the uploaded catalog is empty") }
                source = .upload(data)
            } else {
                let body = try await request.decodeJSON(PathBody.self, limit: service.configuration.maxJSONBytes)
                source = .file(try service.resolveCatalogPath(body.path))
            }
            let job = try service.startReindex(source, by: author)
            var response = try json(job, status: .accepted)
            response.headers[.location] = "/v1/reindex/\(job.id)"
            return response
        }
        router.get("/v1/reindex/{job}") { _, context in
            let id = try context.parameters.require("job")
            guard let job = service.jobs.status(id) else { throw APIError(.notFound, "not_found", "no reindex job \"\(id)\"") }
            return try json(job)
        }
    }
}
