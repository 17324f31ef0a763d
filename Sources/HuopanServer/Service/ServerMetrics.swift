import CoreMetrics
import Foundation
import Metrics
import Prometheus

/// Metrics through swift-metrics, exposed in Prometheus format at `/metrics`.
/// Metrics are bound to this instance's registry (not the process-global
/// MetricsSystem), so several servers in one process (tests) stay separate.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    public let factory: PrometheusMetricsFactory
    let upserts: CoreMetrics.Counter
    let reindexRunning: CoreMetrics.Gauge
    let indexDocuments: CoreMetrics.Gauge
    let indexGeneration: CoreMetrics.Gauge
    let indexBytes: CoreMetrics.Gauge

    public init() {
        var f = PrometheusMetricsFactory(registry: registry)
        f.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5),
        ]
        factory = f
        upserts = CoreMetrics.Counter(label: "huopan_offers_upserted_total", factory: factory)
        reindexRunning = CoreMetrics.Gauge(label: "huopan_reindex_running", factory: factory)
        indexDocuments = CoreMetrics.Gauge(label: "huopan_index_documents", factory: factory)
        indexGeneration = CoreMetrics.Gauge(label: "huopan_index_generation", factory: factory)
        indexBytes = CoreMetrics.Gauge(label: "huopan_index_bytes", factory: factory)
    }

    /// Counts one request and its latency per route template (not per URL, to keep cardinality bounded).
    func record(route: String, method: String, status: Int, nanoseconds: UInt64) {
        CoreMetrics.Counter(
            label: "huopan_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
            factory: factory
        ).increment()
        CoreMetrics.Timer(
            label: "huopan_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
            factory: factory
        ).recordNanoseconds(Int64(nanoseconds))
    }

    public func exposition() -> String { registry.emitToString() }
}
