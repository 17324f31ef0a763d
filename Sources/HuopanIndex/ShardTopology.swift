import Foundation
import Synchronization

/// Where the shards of an index are: per shard, its replicas, each a local
/// database directory or a `xapian-tcpsrv` endpoint. Search combines one
/// replica of every shard with Xapian's multi-database search, so term
/// statistics, and therefore ranking, are the same as over one database.
public struct ShardTopology: Sendable, Hashable, Codable {
    public enum Endpoint: Sendable, Hashable, Codable, CustomStringConvertible {
        case local(String)
        case remote(host: String, port: Int)

        /// `host:port` or `tcp://host:port` is remote; anything else is a local path.
        public init(_ text: String) {
            let t = text.hasPrefix("tcp://") ? String(text.dropFirst(6)) : text
            if let colon = t.lastIndex(of: ":"), !t.contains("/"), let port = Int(t[t.index(after: colon)...]) {
                self = .remote(host: String(t[..<colon]), port: port)
            } else {
                self = .local(text)
            }
        }

        public var description: String {
            switch self {
            case .local(let p): p
            case .remote(let h, let p): "\(h):\(p)"
            }
        }
    }

    /// What a search answers when a shard has no reachable replica.
    public enum OnShardLoss: String, Sendable, Hashable, Codable {
        /// Answer from the other shards and say which are missing (`partial: true`).
        case partial
        /// Refuse (503).
        case fail
    }

    public var shards: [[Endpoint]]
    public var onShardLoss: OnShardLoss
    /// Per remote call; a shard slower than this counts as down for the request.
    public var timeoutMilliseconds: Int
    public var connectTimeoutMilliseconds: Int
    /// How long a failed replica is left alone before it is tried again.
    public var retryAfterSeconds: Double

    public init(
        shards: [[Endpoint]], onShardLoss: OnShardLoss = .partial, timeoutMilliseconds: Int = 1_500,
        connectTimeoutMilliseconds: Int = 500, retryAfterSeconds: Double = 2
    ) {
        self.shards = shards
        self.onShardLoss = onShardLoss
        self.timeoutMilliseconds = timeoutMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Parses `a:7001|b:7001;a:7002`: shards separated by `;`, replicas by `|`.
    public init(parsing text: String, onShardLoss: OnShardLoss = .partial) {
        self.init(
            shards: text.split(separator: ";").map {
                $0.split(separator: "|").map { Endpoint(String($0).trimmingCharacters(in: .whitespaces)) }
            },
            onShardLoss: onShardLoss)
    }
}

/// Raised when a shard has no reachable replica and the topology says to fail.
public struct ShardsUnavailable: Error, CustomStringConvertible, Sendable {
    public let missing: [Int]
    public var description: String {
        "shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) unreachable"
    }
}

/// Opens combined handles over a topology, skipping replicas that failed
/// recently and trying them again after `retryAfterSeconds`.
public final class ShardOpener: Sendable {
    public let topology: ShardTopology
    /// Per shard, per replica: when it may be tried again (nil = healthy).
    private let downUntil: Mutex<[[Date?]]>

    public init(topology: ShardTopology) {
        self.topology = topology
        downUntil = Mutex(topology.shards.map { $0.map { _ in nil } })
    }

    func open(_ endpoint: ShardTopology.Endpoint) throws -> XapianDatabase {
        switch endpoint {
        case .local(let path): try XapianDatabase(path: path)
        case .remote(let host, let port):
            try XapianDatabase(
                remoteHost: host, port: port, timeoutMilliseconds: topology.timeoutMilliseconds,
                connectTimeoutMilliseconds: topology.connectTimeoutMilliseconds)
        }
    }

    /// One replica of every shard that answers; shards without one are listed
    /// as missing (or the call throws, with `onShardLoss = .fail`).
    public func openCombined() throws -> (database: XapianDatabase, missing: [Int], used: [ShardTopology.Endpoint]) {
        var parts: [XapianDatabase] = []
        var used: [ShardTopology.Endpoint] = []
        var missing: [Int] = []
        let now = Date()
        let down = downUntil.withLock { $0 }
        for (s, replicas) in topology.shards.enumerated() {
            var opened: XapianDatabase?
            // Healthy replicas first, then those whose retry time has come.
            let order = replicas.indices.sorted { (down[s][$0] ?? .distantPast) < (down[s][$1] ?? .distantPast) }
            for r in order where (down[s][r] ?? .distantPast) <= now {
                do {
                    let db = try open(replicas[r])
                    _ = try db.stats()
                    opened = db
                    used.append(replicas[r])
                    downUntil.withLock { $0[s][r] = nil }
                    break
                } catch {
                    markDown(shard: s, replica: r)
                }
            }
            if let opened { parts.append(opened) } else { missing.append(s) }
        }
        if !missing.isEmpty, topology.onShardLoss == .fail || parts.isEmpty { throw ShardsUnavailable(missing: missing) }
        let combined = parts[0]
        for p in parts.dropFirst() { try combined.add(p) }
        return (combined, missing, used)
    }

    func markDown(shard: Int, replica: Int) {
        downUntil.withLock { $0[shard][replica] = Date().addingTimeInterval(topology.retryAfterSeconds) }
    }

    /// After a network error on a combined handle, finds which of the replicas
    /// it used no longer answer, so the next handle avoids them.
    public func reportFailure(used: [ShardTopology.Endpoint]) {
        for endpoint in used {
            guard case .remote = endpoint else { continue }
            if (try? open(endpoint).stats()) == nil {
                for (s, replicas) in topology.shards.enumerated() {
                    for (r, e) in replicas.enumerated() where e == endpoint { markDown(shard: s, replica: r) }
                }
            }
        }
    }

    /// True when some replica is waiting out its retry time (a partial handle may heal).
}
