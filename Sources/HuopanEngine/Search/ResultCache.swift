import Foundation
import Synchronization

/// Answers of recent searches, so a repeated search (a head query's first page, a link many
/// buyers open) costs a dictionary lookup instead of matching and ranking again.
///
/// A key is everything in the request that changes the answer, with the query text in its
/// normalised form (what the analyzer reads) and the day that counts as today. An entry is
/// also stamped with the engine's state when the search began (index generation and commit
/// revision, profile and synonym revisions): a lookup in another state misses, and the first
/// answer stored in a newer state drops everything older, so a write, a publish, a rollback,
/// a synonym reload or a reindex is seen by the very next search. Entries also expire after
/// `seconds`. The engine caches only a local index: over remote shards it could see neither the
/// writes made on the shard hosts nor a shard going down.
///
/// Memory is bounded by `bytes` (the hits' stored offers plus a fixed overhead per entry),
/// kept in two generations: new entries go to the young one; when it holds half the budget it
/// becomes the old one and the previous old one is dropped; a hit in the old generation moves
/// back to the young one. That approximates least-recently-used eviction in O(1) per call.
public final class ResultCache: Sendable {
    public struct Limits: Sendable {
        /// Memory budget; 0 turns the cache off.
        public var bytes = 64 << 20
        /// An entry older than this is not used.
        public var seconds = 60.0
        public init(bytes: Int = 64 << 20, seconds: Double = 60) {
            self.bytes = bytes
            self.seconds = seconds
        }
    }

    /// The engine state an answer was computed in.
    public struct Stamp: Hashable, Sendable {
        public var generation: Int
        public var revision: Int
        public var profiles: Int
        public var synonyms: Int

        /// Every part at least as new as `other`'s.
        func isAtLeast(_ other: Stamp) -> Bool {
            generation >= other.generation && revision >= other.revision && profiles >= other.profiles && synonyms >= other.synonyms
        }
    }

    public struct Key: Hashable, Sendable {
        var request: SearchRequest
        var day: Int
    }

    public struct Stats: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var entries = 0
        public var bytes = 0
    }

    private struct Entry {
        var response: SearchResponse
        var cost: Int
        var storedAt: Double
    }

    private struct State {
        var stamp: Stamp?
        var young: [Key: Entry] = [:]
        var old: [Key: Entry] = [:]
        var youngBytes = 0
        var oldBytes = 0
        var hits = 0
        var misses = 0

        mutating func reset(to stamp: Stamp) {
            self.stamp = stamp
            young = [:]
            old = [:]
            youngBytes = 0
            oldBytes = 0
        }
    }

    public let limits: Limits
    private let state = Mutex(State())
    private let clock: @Sendable () -> Double

    public init(limits: Limits, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.limits = limits
        self.clock = clock
    }

    public var isEnabled: Bool { limits.bytes > 0 }

    /// Whether an answer to `request` may be kept: explanations are large and asked for
    /// while debugging, so they are always computed afresh.
    public static func isCacheable(_ request: SearchRequest) -> Bool { !request.explain }

    /// The stored answer for `key` in state `stamp`, if any.
    public func lookup(_ key: Key, stamp: Stamp) -> SearchResponse? {
        guard isEnabled else { return nil }
        let now = clock()
        return state.withLock { s -> SearchResponse? in
            guard s.stamp == stamp else {
                s.misses += 1
                return nil
            }
            if let e = s.young[key], now - e.storedAt <= limits.seconds {
                s.hits += 1
                return e.response
            }
            if let e = s.old.removeValue(forKey: key) {
                s.oldBytes -= e.cost
                if now - e.storedAt <= limits.seconds {
                    s.hits += 1
                    insert(key, e, into: &s)
                    return e.response
                }
            }
            s.misses += 1
            return nil
        }
    }

    /// Keeps `response` for `key`, computed in state `stamp`. An answer from a state older
    /// than the cache's is dropped (a write landed while it was computed).
    public func store(_ key: Key, stamp: Stamp, response: SearchResponse) {
        guard isEnabled, !response.partial else { return }
        let cost = Self.cost(of: response)
        guard cost <= limits.bytes / 4 else { return }
        let entry = Entry(response: response, cost: cost, storedAt: clock())
        state.withLock { s in
            if s.stamp != stamp {
                guard s.stamp.map({ stamp.isAtLeast($0) }) ?? true else { return }
                s.reset(to: stamp)
            }
            if let previous = s.young.removeValue(forKey: key) { s.youngBytes -= previous.cost }
            if let previous = s.old.removeValue(forKey: key) { s.oldBytes -= previous.cost }
            insert(key, entry, into: &s)
        }
    }

    private func insert(_ key: Key, _ entry: Entry, into s: inout State) {
        s.young[key] = entry
        s.youngBytes += entry.cost
        if s.youngBytes > limits.bytes / 2 {
            s.old = s.young
            s.oldBytes = s.youngBytes
            s.young = [:]
            s.youngBytes = 0
        }
    }

    public var stats: Stats {
        state.withLock { s in
            Stats(hits: s.hits, misses: s.misses, entries: s.young.count + s.old.count, bytes: s.youngBytes + s.oldBytes)
        }
    }

    /// Bytes an answer holds: its hits' stored offers and titles, its facets, and a fixed
    /// overhead for the rest.
    static func cost(of r: SearchResponse) -> Int {
        var bytes = 1024
        for h in r.hits { bytes += 128 + h.stored.count + h.title.utf8.count + h.id.utf8.count }
        for (_, counts) in r.facets { bytes += counts.reduce(32) { $0 + 24 + $1.value.utf8.count } }
        return bytes
    }
}
