import Foundation
import Hummingbird
import HuopanIndex
import Yams

/// Liveness, readiness, Prometheus metrics and the OpenAPI document.
struct HealthRoutes: Sendable {
    let service: HuopanService

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.open.get("/healthz") { _, _ in try json(["status": "ok"]) }
        groups.open.get("/readyz") { _, context in
            do {
                let count = try await service.read(deadline: context.deadline) { try service.engine.index.documentCount() }
                return try json([
                    "status": AnyEncodable("ready"), "documents": AnyEncodable(count),
                    "generation": AnyEncodable(service.engine.index.manifest.generation),
                    "reindexing": AnyEncodable(service.engine.maintenance?.jobs.active != nil),
                ])
            } catch {
                context.logger.warning("not ready", metadata: ["error": "\(error)"])
                throw APIError(.serviceUnavailable, "not_ready", "the index cannot be searched")
            }
        }
        groups.open.get("/metrics") { _, context in
            let (documents, generation, bytes) = try await service.read(deadline: context.deadline) { () throws -> (Int, Int, Int) in
                (
                    try service.engine.index.documentCount(), service.engine.index.manifest.generation,
                    IndexLayout.diskUsage(service.engine.index.directory)
                )
            }
            service.metrics.indexDocuments.record(documents)
            service.metrics.indexGeneration.record(generation)
            service.metrics.indexBytes.record(bytes)
            let cache = service.engine.cache.stats
            service.metrics.cacheEntries.record(cache.entries)
            service.metrics.cacheBytes.record(cache.bytes)
            service.metrics.behaviourDropped.record(service.behaviour?.dropped ?? 0)
            service.metrics.reindexRunning.record(service.engine.maintenance?.jobs.active != nil ? 1 : 0)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: service.metrics.exposition())))
        }
        let openAPI = StaticFile("openapi.yaml", contentType: "application/yaml; charset=utf-8")
        groups.open.get("/openapi.yaml") { _, _ in try openAPI.response() }
        // The same document as JSON, for tools and the API page; converted once.
        let openAPIJSON = Self.jsonDocument(ofYAML: EmbeddedResources.files["openapi.yaml"] ?? "")
        groups.open.get("/openapi.json") { _, _ in
            guard let openAPIJSON else { throw APIError(.internalServerError, "internal", "openapi.yaml could not be read") }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: openAPIJSON)))
        }
    }

    static func jsonDocument(ofYAML text: String) -> Data? {
        guard let tree = try? Yams.load(yaml: text) else { return nil }
        return try? JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
