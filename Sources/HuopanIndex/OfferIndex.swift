import Foundation
import Synchronization

/// The searchable offer index: the current generation of an index directory
/// (one or several local shards), or a topology of shards served elsewhere,
/// through a pool of read-only handles (Xapian handles are not thread-safe, so
/// each search checks one out).
///
/// A build or a switch elsewhere becomes visible through `reload()`; writes
/// through `OfferIndexWriter` through `markChanged()`, after which each handle
/// reopens before its next use. A handle that loses a remote shard is replaced
/// by one over the replicas that still answer, and the search is retried once.
public final class OfferIndex: @unchecked Sendable {
    public let layout: IndexLayout

    /// A combined handle and what it is made of.
    public struct Opened: Sendable {
        public var database: XapianDatabase
        /// Shards without a reachable replica (answers are partial).
        public var missing: [Int]
        /// The replicas in use (for failure reports).
        public var used: [ShardTopology.Endpoint]

        public init(database: XapianDatabase, missing: [Int] = [], used: [ShardTopology.Endpoint] = []) {
            self.database = database
            self.missing = missing
            self.used = used
        }
    }

    /// Opens one handle on a generation (local shards).
    public typealias Opener = @Sendable (_ directory: URL, _ manifest: IndexManifest) throws -> Opened

    private struct Pooled {
        let opened: Opened
        let generation: Int
        var revision: Int
        let openedAt: Date
    }

    private struct State {
        var directory: URL
        var manifest: IndexManifest
        var pool: [Pooled] = []
        var revision = 0
    }

    // Mutex-guarded state is the only mutable part; that is what makes the class Sendable.
    private let state: Mutex<State>
    private let opener: Opener
    private let shardOpener: ShardOpener?

    public static let localOpener: Opener = { directory, manifest in
        Opened(
            database: try XapianDatabase(
                paths: manifest.shards.map { directory.appendingPathComponent($0).path },
                docidsFollowQuality: manifest.docidOrder == IndexManifest.qualityOrder))
    }

    /// Opens the current generation of the index directory `root`.
    public init(root: URL, opener: @escaping Opener = OfferIndex.localOpener) throws {
        layout = IndexLayout(root: root)
        self.opener = opener
        shardOpener = nil
        let (directory, manifest) = try layout.current()
        guard manifest.schemaVersion == Schema.version else {
            throw IndexError.corrupt(
                "\(root.path) was built with schema version \(manifest.schemaVersion) and this build reads \(Schema.version); rebuild it with `huopan index`"
            )
        }
        let first = try opener(directory, manifest)
        _ = try first.database.stats()  // fail now, not on the first query, if the database is damaged
        state = Mutex(
            State(
                directory: directory, manifest: manifest,
                pool: [Pooled(opened: first, generation: manifest.generation, revision: 0, openedAt: Date())]))
    }

    /// Searches shards served elsewhere (`xapian-tcpsrv`), with replicas.
    public init(topology: ShardTopology) throws {
        layout = IndexLayout(root: URL(fileURLWithPath: "/dev/null"))
        let shardOpener = ShardOpener(topology: topology)
        self.shardOpener = shardOpener
        opener = { _, _ in
            let (db, missing, used) = try shardOpener.openCombined()
            return Opened(database: db, missing: missing, used: used)
        }
        let manifest = IndexManifest(
            generation: 0, shards: topology.shards.map { $0.map(\.description).joined(separator: "|") },
            createdAt: "", offers: 0, rejected: 0, schemaVersion: Schema.version, lexiconFingerprint: "",
            source: "remote shards")
        state = Mutex(State(directory: layout.root, manifest: manifest))
    }

    public var manifest: IndexManifest { state.withLock { $0.manifest } }
    public var directory: URL { state.withLock { $0.directory } }
    public var isRemote: Bool { shardOpener != nil }

    /// Runs `body` with a handle of its own. Retries once after Xapian reports
    /// the revision it was reading was overwritten by a writer, or a shard
    /// stopped answering (then over the replicas that still do).
    public func withDatabase<R>(deadline: Deadline = .none, _ body: (XapianDatabase) throws -> R) throws -> R {
        try withShards(deadline: deadline) { db, _ in try body(db) }
    }

    /// Like `withDatabase`, also telling `body` which shards the handle lacks.
    ///
    /// A reader whose revision a writer has discarded gets Xapian's DatabaseModifiedError;
    /// with frequent commits that can happen again right after a reopen, so the body is
    /// retried on a reopened handle until it succeeds or `deadline` passes (at most
    /// `maxModifiedRetries` times). A concurrent write never fails a search. A reader that
    /// meets a block the writer has already reused sees DatabaseCorruptError instead; that
    /// is retried too, but only a few times, since a really damaged index stays damaged.
    public func withShards<R>(deadline: Deadline = .none, _ body: (XapianDatabase, _ missing: [Int]) throws -> R) throws -> R {
        try deadline.check()
        var pooled = try checkout()
        var attempts = 0, corrupt = 0
        while true {
            do {
                let result = try body(pooled.opened.database, pooled.opened.missing)
                checkin(pooled)
                return result
            } catch let error as XapianError
                where attempts < Self.maxModifiedRetries
                && (error.kind == .databaseModified || (error.kind == .databaseCorrupt && corrupt < 3))
            {
                attempts += 1
                if error.kind == .databaseCorrupt { corrupt += 1 }
                do {
                    try deadline.check()
                } catch {
                    checkin(pooled)
                    throw error
                }
                pooled = try recover(pooled, from: error)
            } catch let error as XapianError where error.isUnavailable && shardOpener != nil && attempts == 0 {
                attempts += 1
                shardOpener?.reportFailure(used: pooled.opened.used)
                pooled.opened.database.close()
                pooled = try checkout(fresh: true)
            } catch {
                checkin(pooled)
                throw error
            }
        }
    }

    /// A handle to retry a read on after `error`: the same one reopened when a writer only
    /// discarded its revision, else a fresh handle on the current generation.
    private func recover(_ pooled: Pooled, from error: XapianError) throws -> Pooled {
        if error.kind == .databaseModified { return try reopened(pooled) }
        pooled.opened.database.close()
        return try checkout(fresh: true)
    }

    /// `pooled` at the newest committed revision; when its reopen fails (it can meet the blocks
    /// the writer is recycling), a fresh handle on the current generation. A discarded handle is
    /// closed here.
    private func reopened(_ pooled: Pooled) throws -> Pooled {
        if (try? pooled.opened.database.reopen()) != nil { return pooled }
        pooled.opened.database.close()
        return try checkout(fresh: true)
    }

    /// Retries of one read after DatabaseModifiedError (each after a reopen).
    public static let maxModifiedRetries = 50

    private func checkout(fresh: Bool = false) throws -> Pooled {
        let (taken, directory, manifest, revision) = state.withLock { s in
            (fresh ? nil : s.pool.popLast(), s.directory, s.manifest, s.revision)
        }
        // A partial handle is replaced once a missing shard may be back.
        if let t = taken, !t.opened.missing.isEmpty, let so = shardOpener,
            Date().timeIntervalSince(t.openedAt) > so.topology.retryAfterSeconds
        {
            t.opened.database.close()
            return try checkout(fresh: true)
        }
        var pooled =
            try taken ?? Pooled(opened: opener(directory, manifest), generation: manifest.generation, revision: revision, openedAt: Date())
        if pooled.revision < revision {
            pooled = try reopened(pooled)
            pooled.revision = max(pooled.revision, revision)
        }
        return pooled
    }

    private func checkin(_ pooled: Pooled) {
        let stale = state.withLock { s -> Bool in
            guard pooled.generation == s.manifest.generation, s.pool.count < 64 else { return true }
            s.pool.append(pooled)
            return false
        }
        if stale { pooled.opened.database.close() }
    }

    /// The published generation and the number of commits readers were told about: any
    /// change to what a search can see changes one of the two.
    public var changeStamp: (generation: Int, revision: Int) {
        state.withLock { ($0.manifest.generation, $0.revision) }
    }

    /// Tells readers that a writer committed: each handle reopens before its next use.
    public func markChanged() {
        state.withLock { $0.revision += 1 }
    }

    /// Follows `current` again; returns true when it now points to another generation.
    @discardableResult
    public func reload() throws -> Bool {
        guard shardOpener == nil else { return false }
        let (directory, manifest) = try layout.current()
        let fresh = try opener(directory, manifest)
        _ = try fresh.database.stats()
        let old = state.withLock { s -> [Pooled]? in
            guard s.manifest.generation != manifest.generation else { return nil }
            let old = s.pool
            s = State(
                directory: directory, manifest: manifest,
                pool: [Pooled(opened: fresh, generation: manifest.generation, revision: s.revision, openedAt: Date())], revision: s.revision
            )
            return old
        }
        old?.forEach { $0.opened.database.close() }
        if old == nil { fresh.database.close() }
        return old != nil
    }

    public func documentCount() throws -> Int { try withDatabase { try $0.stats().documentCount } }
}
