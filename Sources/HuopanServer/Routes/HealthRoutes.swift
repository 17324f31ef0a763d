import Foundation
import Hummingbird
import HuopanIndex

/// Liveness, readiness, Prometheus metrics and the OpenAPI document.
struct HealthRoutes: Sendable {
    let service: HuopanService

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in try json(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            let service = self.service
            do {
                let count = try await service.run { try service.index.documentCount() }
                return try json(["status": AnyEncodable("ready"), "documents": AnyEncodable(count),
                                 "generation": AnyEncodable(service.index.manifest.generation),
                                 "reindexing": AnyEncodable(service.jobs.active != nil)])
            } catch {
                throw APIError(.serviceUnavailable, "not_ready", "the index cannot be searched: \(error)")
            }
        }
        router.get("/metrics") { _, _ in
            let service = self.service
            let (documents, generation, bytes) = try await service.run { () throws -> (Int, Int, Int) in
                (try service.index.documentCount(), service.index.manifest.generation, IndexLayout.diskUsage(service.index.directory))
            }
            service.metrics.indexDocuments.record(documents)
            service.metrics.indexGeneration.record(generation)
            service.metrics.indexBytes.record(bytes)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: service.metrics.exposition())))
        }
        let openAPI = StaticFile("openapi.yaml", in: "Resources", contentType: "application/yaml; charset=utf-8")
        router.get("/openapi.yaml") { _, _ in try openAPI.response() }
    }
}
