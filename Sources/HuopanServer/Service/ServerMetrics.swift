import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

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
    let cacheHits: CoreMetrics.Counter
    let cacheMisses: CoreMetrics.Counter
    let cacheEntries: CoreMetrics.Gauge
    let cacheBytes: CoreMetrics.Gauge
    let eventsAccepted: CoreMetrics.Counter
    let eventsRejected: CoreMetrics.Counter
    let behaviourDropped: CoreMetrics.Gauge

    /// Handles per (route, method, status), made once: looking a metric up in the registry
    /// takes its lock and hashes the labels, too much to do on every request.
    private let requestHandles = Mutex<[String: (count: CoreMetrics.Counter, latency: CoreMetrics.Timer)]>([:])

    /// The `# HELP` line of each metric. swift-metrics has no help text, so it is added to
    /// the exposition here rather than by registering metrics twice.
    static let help: [String: String] = [
        "huopan_http_requests_total": "HTTP requests answered, by route template, method and status.",
        "huopan_http_request_duration_seconds": "Time to answer an HTTP request, by route template and method.",
        "huopan_offers_upserted_total": "Offers written through PUT /v1/offers.",
        "huopan_reindex_running": "1 while a reindex job runs.",
        "huopan_index_documents": "Offers in the published index.",
        "huopan_index_generation": "Generation number of the published index.",
        "huopan_index_bytes": "Bytes the published index takes on disk.",
        "huopan_search_cache_hits_total": "Searches answered from the result cache.",
        "huopan_search_cache_misses_total": "Cacheable searches computed afresh (then kept).",
        "huopan_events_accepted_total": "Behaviour events accepted through POST /v1/events.",
        "huopan_events_rejected_total": "Behaviour event lines refused (each reported to the sender with its field).",
        "huopan_behaviour_log_dropped": "Search log records and events dropped because the log's buffer was full.",
        "huopan_search_cache_entries": "Answers held in the result cache.",
        "huopan_search_cache_bytes": "Memory the result cache's answers take (estimated from their stored offers).",
    ]

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
        cacheHits = CoreMetrics.Counter(label: "huopan_search_cache_hits_total", factory: factory)
        cacheMisses = CoreMetrics.Counter(label: "huopan_search_cache_misses_total", factory: factory)
        cacheEntries = CoreMetrics.Gauge(label: "huopan_search_cache_entries", factory: factory)
        cacheBytes = CoreMetrics.Gauge(label: "huopan_search_cache_bytes", factory: factory)
        eventsAccepted = CoreMetrics.Counter(label: "huopan_events_accepted_total", factory: factory)
        eventsRejected = CoreMetrics.Counter(label: "huopan_events_rejected_total", factory: factory)
        behaviourDropped = CoreMetrics.Gauge(label: "huopan_behaviour_log_dropped", factory: factory)
    }

    /// Counts one offer search as answered from the cache or not.
    func recordSearch(cached: Bool) {
        (cached ? cacheHits : cacheMisses).increment()
    }

    /// Counts the events of one upload.
    func recordEvents(accepted: Int, rejected: Int) {
        eventsAccepted.increment(by: Int64(accepted))
        eventsRejected.increment(by: Int64(rejected))
    }

    /// Counts one request and its latency per route template (not per URL, to keep cardinality bounded).
    func record(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let key = "\(method) \(route) \(status)"
        let handles = requestHandles.withLock { handles in
            if let h = handles[key] { return h }
            let h = (
                count: CoreMetrics.Counter(
                    label: "huopan_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
                    factory: factory),
                latency: CoreMetrics.Timer(
                    label: "huopan_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
                    factory: factory)
            )
            handles[key] = h
            return h
        }
        handles.count.increment()
        handles.latency.recordNanoseconds(Int64(nanoseconds))
    }

    /// The Prometheus text exposition, each metric family introduced by its `# HELP` line.
    public func exposition() -> String {
        var out = ""
        for line in registry.emitToString().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first, let help = Self.help[String(name)] {
                out += "# HELP \(name) \(help)\n"
            }
            out += line + "\n"
        }
        return out.hasSuffix("\n\n") ? String(out.dropLast()) : out
    }
}
