// HuopanServer: the HTTP API on Hummingbird 2 — search, offers, reindex,
// profiles, evaluation, health, metrics and the OpenAPI document. Routes are in
// Routes/, cross-cutting concerns in Middleware/, server state in Service/.
import Foundation
import HuopanCatalog

/// Everything the server can be told, in one place. Defaults work out of the
/// box: an embedded index in `var/index` built from the sample catalog, port 8080.
///
/// Loaded from a JSON file (`--config` or `HUOPAN_CONFIG`), then overridden by
/// environment variables (`HUOPAN_PORT`, `HUOPAN_DB`, `HUOPAN_ADMIN_TOKEN` ...),
/// then by command-line flags.
public struct ServerConfiguration: Codable, Sendable, Hashable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Index directory (generations and `current` link).
    public var db = "var/index"
    /// Catalog indexed at start when `db` holds no index yet; nil to require one.
    public var bootstrapCatalog: String? = "Corpora/sample/offers.jsonl"
    /// Reindex paths must resolve inside this directory.
    public var dataRoot = "Corpora"
    /// Profile history, uploads and other server state.
    public var stateDir = "var/state"
    /// Committed profiles that seed the history (default: `Corpora/profiles`).
    public var profilesDir: String?
    /// Judged query sets for `POST /v1/eval` (`NAME.queries.tsv` + `NAME.qrels`; default `Corpora/judgments`).
    public var judgmentsDir: String?
    /// Admin token name → token. Without any, admin endpoints are disabled (403), never open.
    public var adminTokens: [String: String] = [:]
    /// Largest accepted request body; uploads of catalogs are bounded by it too.
    public var maxBodyBytes = 64 * 1024 * 1024
    /// Largest accepted JSON body for small endpoints (search, profiles).
    public var maxJSONBytes = 1024 * 1024
    /// A request taking longer gets 503; the work in progress is abandoned.
    public var requestTimeoutSeconds = 5.0
    /// Threads running searches and writes off the event loop.
    public var workerThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public var logLevel = "info"
    /// Remote shards instead of the local `db`: `host:port|host:port;host:port`
    /// (shards separated by `;`, replicas by `|`). The server then only reads;
    /// writes go to the hosts that own the shards.
    public var shards: String?
    /// `partial` (answer from the shards that respond) or `fail` (503).
    public var onShardLoss = "partial"

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, db, bootstrapCatalog = "bootstrap_catalog", dataRoot = "data_root", stateDir = "state_dir"
        case profilesDir = "profiles_dir", judgmentsDir = "judgments_dir", adminTokens = "admin_tokens", maxBodyBytes = "max_body_bytes"
        case maxJSONBytes = "max_json_bytes", requestTimeoutSeconds = "request_timeout_seconds"
        case workerThreads = "worker_threads", logLevel = "log_level", shards, onShardLoss = "on_shard_loss"
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerConfiguration()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        db = try c.decodeIfPresent(String.self, forKey: .db) ?? d.db
        bootstrapCatalog = c.contains(.bootstrapCatalog) ? try c.decodeIfPresent(String.self, forKey: .bootstrapCatalog) : d.bootstrapCatalog
        dataRoot = try c.decodeIfPresent(String.self, forKey: .dataRoot) ?? d.dataRoot
        stateDir = try c.decodeIfPresent(String.self, forKey: .stateDir) ?? d.stateDir
        profilesDir = try c.decodeIfPresent(String.self, forKey: .profilesDir)
        judgmentsDir = try c.decodeIfPresent(String.self, forKey: .judgmentsDir)
        adminTokens = try c.decodeIfPresent([String: String].self, forKey: .adminTokens) ?? [:]
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
        maxJSONBytes = try c.decodeIfPresent(Int.self, forKey: .maxJSONBytes) ?? d.maxJSONBytes
        requestTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .requestTimeoutSeconds) ?? d.requestTimeoutSeconds
        workerThreads = try c.decodeIfPresent(Int.self, forKey: .workerThreads) ?? d.workerThreads
        logLevel = try c.decodeIfPresent(String.self, forKey: .logLevel) ?? d.logLevel
        shards = try c.decodeIfPresent(String.self, forKey: .shards)
        onShardLoss = try c.decodeIfPresent(String.self, forKey: .onShardLoss) ?? d.onShardLoss
    }

    /// Reads `file` (if any), then applies the environment.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var config = ServerConfiguration()
        if let path = file ?? environment["HUOPAN_CONFIG"] {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ConfigurationError("cannot read configuration \(path): \(error.localizedDescription)")
            }
            do {
                config = try JSONDecoder().decode(ServerConfiguration.self, from: data)
            } catch {
                throw ConfigurationError("configuration \(path): \(FieldIssue(decodingError: error))")
            }
        }
        func int(_ key: String) throws -> Int? {
            guard let v = environment[key] else { return nil }
            guard let n = Int(v) else { throw ConfigurationError("\(key) must be an integer, got \"\(v)\"") }
            return n
        }
        if let v = environment["HUOPAN_HOST"] { config.host = v }
        if let v = try int("HUOPAN_PORT") { config.port = v }
        if let v = environment["HUOPAN_DB"] { config.db = v }
        if let v = environment["HUOPAN_DATA_ROOT"] { config.dataRoot = v }
        if let v = environment["HUOPAN_STATE_DIR"] { config.stateDir = v }
        if let v = environment["HUOPAN_PROFILES_DIR"] { config.profilesDir = v }
        if let v = environment["HUOPAN_JUDGMENTS_DIR"] { config.judgmentsDir = v }
        if let v = environment["HUOPAN_BOOTSTRAP_CATALOG"] { config.bootstrapCatalog = v.isEmpty ? nil : v }
        if let v = environment["HUOPAN_ADMIN_TOKEN"], !v.isEmpty { config.adminTokens["admin"] = v }
        if let v = environment["HUOPAN_REQUEST_TIMEOUT"] {
            guard let t = Double(v) else { throw ConfigurationError("HUOPAN_REQUEST_TIMEOUT must be a number of seconds") }
            config.requestTimeoutSeconds = t
        }
        if let v = try int("HUOPAN_WORKER_THREADS") { config.workerThreads = v }
        if let v = environment["HUOPAN_LOG_LEVEL"] { config.logLevel = v }
        if let v = environment["HUOPAN_SHARDS"], !v.isEmpty { config.shards = v }
        if let v = environment["HUOPAN_ON_SHARD_LOSS"] { config.onShardLoss = v }
        try config.validate()
        return config
    }

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ConfigurationError("port must be between 0 and 65535") }
        guard maxBodyBytes > 0, maxJSONBytes > 0 else { throw ConfigurationError("body limits must be positive") }
        guard requestTimeoutSeconds > 0 else { throw ConfigurationError("request_timeout_seconds must be positive") }
        guard (1...256).contains(workerThreads) else { throw ConfigurationError("worker_threads must be between 1 and 256") }
        guard ["partial", "fail"].contains(onShardLoss) else { throw ConfigurationError("on_shard_loss must be partial or fail") }
        for (name, token) in adminTokens where token.count < 8 {
            throw ConfigurationError("admin token \"\(name)\" must be at least 8 characters")
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}
