// HuopanServer: the HTTP API on Hummingbird 2 — search, offers, reindex,
// profiles, evaluation, health, metrics and the OpenAPI document. Routes are in
// Routes/, cross-cutting concerns in Middleware/, server state in Service/.
import Foundation
import HuopanCatalog
import Logging

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
    public var bootstrapCatalog: String?
    /// Reindex paths are relative to this directory and must resolve inside it (default: the
    /// directory the server was started in).
    public var dataRoot = "."
    /// Profile history and other server state.
    public var stateDir = "var/state"
    /// The domain lexicon (required).
    public var lexiconDir: String?
    /// Synonym groups (required).
    public var synonymsFile: String?
    /// Committed profiles that seed the history (required).
    public var profilesDir: String?
    /// Judged query sets for `POST /v1/eval` (`NAME.queries.tsv` + `NAME.qrels`); none when unset.
    public var judgmentsDir: String?
    /// Admin token name → token. Without any, admin endpoints are disabled (403), never open.
    public var adminTokens: [String: String] = [:]
    /// Operator token name → token: evaluation, previews, job details (admin tokens work too).
    public var operatorTokens: [String: String] = [:]
    /// Ingest token name → token: behaviour events (admin tokens work too).
    public var ingestTokens: [String: String] = [:]
    /// Largest accepted request body; uploads of catalogs are bounded by it too.
    public var maxBodyBytes = 64 * 1024 * 1024
    /// Largest accepted JSON body for small endpoints (search, profiles).
    public var maxJSONBytes = 1024 * 1024
    /// A search (or any read) stops here and answers 503; its work stops with it.
    public var requestTimeoutSeconds = 5.0
    /// Deadline of `POST /v1/eval`, which runs a whole judged set.
    public var evalTimeoutSeconds = 60.0
    /// A write (upsert, delete, publish) that has not started by then is refused (503)
    /// before it changes anything; one that started always reports its real outcome.
    public var writeTimeoutSeconds = 30.0
    /// Offers in one `PUT /v1/offers` body, at most (413 beyond: split the upload).
    public var maxUpsertOffers = 10_000
    /// A reindex fails, and changes nothing, when more than this share of its lines is rejected.
    public var maxRejectedShare = 0.1
    /// A connection with no request in progress for this long is closed (also one that
    /// never finishes sending its header).
    public var idleTimeoutSeconds = 30.0
    /// Open connections, at most; further ones wait in the listen backlog.
    public var maxConnections = 1_000
    /// Searches waiting or running, at most (503 with Retry-After beyond).
    public var searchQueue = 512
    /// Writes waiting or running, at most (503 with Retry-After beyond).
    public var writeQueue = 64
    /// Writes are committed in groups, at most one commit per this many seconds: each commit
    /// retires the revision before the previous one, and searches still on it start over.
    public var commitIntervalSeconds = 0.05
    /// Threads for evaluation and previews (at lower CPU priority than searches).
    public var operatorWorkers = 1
    /// Evaluations and previews waiting or running, at most (429 with Retry-After beyond).
    public var operatorQueue = 4
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
    /// Origins whose pages may call the API from a browser (`https://shop.example.com`, or
    /// `*` for any); empty: no cross-origin access.
    public var corsOrigins: [String] = []
    /// Memory for answers of recent searches, in MiB (0: no result cache).
    public var resultCacheMB = 64
    /// A cached answer older than this is computed again (it is dropped at once on any write,
    /// publish or reindex). A server over remote shards does not cache.
    public var resultCacheSeconds = 60.0
    /// Disk for the search log and for behaviour events, in MiB each, under
    /// `state_dir/behaviour` (oldest segments deleted beyond it; 0: no search log, no events).
    public var behaviourLogMB = 256

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, port, db, bootstrapCatalog = "bootstrap_catalog", dataRoot = "data_root", stateDir = "state_dir"
        case lexiconDir = "lexicon_dir", synonymsFile = "synonyms_file"
        case profilesDir = "profiles_dir", judgmentsDir = "judgments_dir", adminTokens = "admin_tokens"
        case operatorTokens = "operator_tokens", ingestTokens = "ingest_tokens", maxBodyBytes = "max_body_bytes"
        case maxJSONBytes = "max_json_bytes", requestTimeoutSeconds = "request_timeout_seconds", evalTimeoutSeconds = "eval_timeout_seconds"
        case writeTimeoutSeconds = "write_timeout_seconds", maxUpsertOffers = "max_upsert_offers", maxRejectedShare = "max_rejected_share"
        case idleTimeoutSeconds = "idle_timeout_seconds", maxConnections = "max_connections", searchQueue = "search_queue"
        case writeQueue = "write_queue", commitIntervalSeconds = "commit_interval_seconds", operatorWorkers = "operator_workers",
            operatorQueue = "operator_queue"
        case workerThreads = "worker_threads", logLevel = "log_level", shards, onShardLoss = "on_shard_loss"
        case corsOrigins = "cors_origins", resultCacheMB = "result_cache_mb", resultCacheSeconds = "result_cache_seconds"
        case behaviourLogMB = "behaviour_log_mb"
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerConfiguration()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        db = try c.decodeIfPresent(String.self, forKey: .db) ?? d.db
        bootstrapCatalog =
            c.contains(.bootstrapCatalog) ? try c.decodeIfPresent(String.self, forKey: .bootstrapCatalog) : d.bootstrapCatalog
        dataRoot = try c.decodeIfPresent(String.self, forKey: .dataRoot) ?? d.dataRoot
        stateDir = try c.decodeIfPresent(String.self, forKey: .stateDir) ?? d.stateDir
        lexiconDir = try c.decodeIfPresent(String.self, forKey: .lexiconDir)
        synonymsFile = try c.decodeIfPresent(String.self, forKey: .synonymsFile)
        profilesDir = try c.decodeIfPresent(String.self, forKey: .profilesDir)
        judgmentsDir = try c.decodeIfPresent(String.self, forKey: .judgmentsDir)
        adminTokens = try c.decodeIfPresent([String: String].self, forKey: .adminTokens) ?? [:]
        operatorTokens = try c.decodeIfPresent([String: String].self, forKey: .operatorTokens) ?? [:]
        ingestTokens = try c.decodeIfPresent([String: String].self, forKey: .ingestTokens) ?? [:]
        evalTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .evalTimeoutSeconds) ?? d.evalTimeoutSeconds
        writeTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .writeTimeoutSeconds) ?? d.writeTimeoutSeconds
        maxUpsertOffers = try c.decodeIfPresent(Int.self, forKey: .maxUpsertOffers) ?? d.maxUpsertOffers
        maxRejectedShare = try c.decodeIfPresent(Double.self, forKey: .maxRejectedShare) ?? d.maxRejectedShare
        idleTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .idleTimeoutSeconds) ?? d.idleTimeoutSeconds
        maxConnections = try c.decodeIfPresent(Int.self, forKey: .maxConnections) ?? d.maxConnections
        searchQueue = try c.decodeIfPresent(Int.self, forKey: .searchQueue) ?? d.searchQueue
        writeQueue = try c.decodeIfPresent(Int.self, forKey: .writeQueue) ?? d.writeQueue
        commitIntervalSeconds = try c.decodeIfPresent(Double.self, forKey: .commitIntervalSeconds) ?? d.commitIntervalSeconds
        operatorWorkers = try c.decodeIfPresent(Int.self, forKey: .operatorWorkers) ?? d.operatorWorkers
        operatorQueue = try c.decodeIfPresent(Int.self, forKey: .operatorQueue) ?? d.operatorQueue
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
        maxJSONBytes = try c.decodeIfPresent(Int.self, forKey: .maxJSONBytes) ?? d.maxJSONBytes
        requestTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .requestTimeoutSeconds) ?? d.requestTimeoutSeconds
        workerThreads = try c.decodeIfPresent(Int.self, forKey: .workerThreads) ?? d.workerThreads
        logLevel = try c.decodeIfPresent(String.self, forKey: .logLevel) ?? d.logLevel
        shards = try c.decodeIfPresent(String.self, forKey: .shards)
        onShardLoss = try c.decodeIfPresent(String.self, forKey: .onShardLoss) ?? d.onShardLoss
        corsOrigins = try c.decodeIfPresent([String].self, forKey: .corsOrigins) ?? d.corsOrigins
        resultCacheMB = try c.decodeIfPresent(Int.self, forKey: .resultCacheMB) ?? d.resultCacheMB
        resultCacheSeconds = try c.decodeIfPresent(Double.self, forKey: .resultCacheSeconds) ?? d.resultCacheSeconds
        behaviourLogMB = try c.decodeIfPresent(Int.self, forKey: .behaviourLogMB) ?? d.behaviourLogMB
    }

    /// Reads `file` (if any), then applies the environment.
    public static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServerConfiguration {
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
                throw ConfigurationError(
                    "configuration \(path): \(FieldIssue(decoding: data, error: error) { _ = try JSONDecoder().decode(ServerConfiguration.self, from: $0) })"
                )
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
        if let v = environment["HUOPAN_LEXICON_DIR"] { config.lexiconDir = v }
        if let v = environment["HUOPAN_SYNONYMS_FILE"] { config.synonymsFile = v }
        if let v = environment["HUOPAN_PROFILES_DIR"] { config.profilesDir = v }
        if let v = environment["HUOPAN_JUDGMENTS_DIR"] { config.judgmentsDir = v }
        if let v = environment["HUOPAN_BOOTSTRAP_CATALOG"] { config.bootstrapCatalog = v.isEmpty ? nil : v }
        if let v = environment["HUOPAN_ADMIN_TOKEN"], !v.isEmpty { config.adminTokens["admin"] = v }
        if let v = environment["HUOPAN_OPERATOR_TOKEN"], !v.isEmpty { config.operatorTokens["operator"] = v }
        if let v = environment["HUOPAN_INGEST_TOKEN"], !v.isEmpty { config.ingestTokens["ingest"] = v }
        if let v = environment["HUOPAN_REQUEST_TIMEOUT"] {
            guard let t = Double(v) else { throw ConfigurationError("HUOPAN_REQUEST_TIMEOUT must be a number of seconds") }
            config.requestTimeoutSeconds = t
        }
        if let v = try int("HUOPAN_WORKER_THREADS") { config.workerThreads = v }
        if let v = environment["HUOPAN_LOG_LEVEL"] { config.logLevel = v }
        if let v = environment["HUOPAN_SHARDS"], !v.isEmpty { config.shards = v }
        if let v = environment["HUOPAN_ON_SHARD_LOSS"] { config.onShardLoss = v }
        if let v = try int("HUOPAN_RESULT_CACHE_MB") { config.resultCacheMB = v }
        if let v = try int("HUOPAN_BEHAVIOUR_LOG_MB") { config.behaviourLogMB = v }
        if let v = environment["HUOPAN_CORS_ORIGINS"] {
            config.corsOrigins = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        try config.validate()
        return config
    }

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ConfigurationError("port must be between 0 and 65535") }
        guard maxBodyBytes > 0, maxJSONBytes > 0 else { throw ConfigurationError("body limits must be positive") }
        for (key, v) in [
            ("request_timeout_seconds", requestTimeoutSeconds), ("eval_timeout_seconds", evalTimeoutSeconds),
            ("write_timeout_seconds", writeTimeoutSeconds), ("idle_timeout_seconds", idleTimeoutSeconds),
        ] {
            guard v > 0, v.isFinite else { throw ConfigurationError("\(key) must be a positive number of seconds") }
        }
        for (key, v) in [
            ("max_upsert_offers", maxUpsertOffers), ("max_connections", maxConnections), ("search_queue", searchQueue),
            ("write_queue", writeQueue), ("operator_queue", operatorQueue),
        ] {
            guard v >= 1 else { throw ConfigurationError("\(key) must be at least 1") }
        }
        guard (0...65536).contains(resultCacheMB) else { throw ConfigurationError("result_cache_mb must be between 0 and 65536") }
        guard (0...1_048_576).contains(behaviourLogMB) else { throw ConfigurationError("behaviour_log_mb must be between 0 and 1048576") }
        guard resultCacheSeconds > 0, resultCacheSeconds.isFinite else {
            throw ConfigurationError("result_cache_seconds must be a positive number of seconds")
        }
        guard (1...16).contains(operatorWorkers) else { throw ConfigurationError("operator_workers must be between 1 and 16") }
        guard (0...10).contains(commitIntervalSeconds) else { throw ConfigurationError("commit_interval_seconds must be between 0 and 10") }
        guard (0...1).contains(maxRejectedShare) else { throw ConfigurationError("max_rejected_share must be between 0 and 1") }
        guard (1...256).contains(workerThreads) else { throw ConfigurationError("worker_threads must be between 1 and 256") }
        guard ["partial", "fail"].contains(onShardLoss) else { throw ConfigurationError("on_shard_loss must be partial or fail") }
        for origin in corsOrigins where origin != "*" {
            guard origin.range(of: "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", options: .regularExpression) != nil else {
                throw ConfigurationError(
                    "cors_origins: \"\(origin)\" is not an origin (scheme, host and optional port, no path: https://shop.example.com) or *")
            }
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ConfigurationError(
                "log_level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(logLevel)\"")
        }
        var seen: [String: String] = [:]
        for (role, tokens) in [("admin", adminTokens), ("operator", operatorTokens), ("ingest", ingestTokens)] {
            for (name, token) in tokens.sorted(by: { $0.key < $1.key }) {
                guard token.count >= 8 else { throw ConfigurationError("\(role) token \"\(name)\" must be at least 8 characters") }
                guard !token.contains(where: { $0 == " " || $0.isNewline }) else {
                    throw ConfigurationError("\(role) token \"\(name)\" must not contain spaces or line breaks")
                }
                if let other = seen[token] {
                    throw ConfigurationError("\(role) token \"\(name)\" is the same as \(other); give each its own")
                }
                seen[token] = "\(role) token \"\(name)\""
            }
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}
