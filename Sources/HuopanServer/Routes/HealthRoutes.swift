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
        router.get("/openapi.yaml") { _, _ in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw APIError(.internalServerError, "internal", "openapi.yaml is missing from the server's resources")
            }
            return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
