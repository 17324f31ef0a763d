import Foundation
import Synchronization

/// The searchable offer index: the current generation of an index directory,
/// served through a pool of read-only handles (Xapian handles are not
/// thread-safe, so each search checks one out).
///
/// A build or a switch elsewhere becomes visible through `reload()`; writes
/// through `OfferIndexWriter` through `markChanged()`, after which each handle
/// reopens before its next use.
public final class OfferIndex: @unchecked Sendable {
    public let layout: IndexLayout
    /// Opens one handle on a generation; replaced for remote shards.
    public typealias Opener = @Sendable (_ directory: URL, _ manifest: IndexManifest) throws -> XapianDatabase

    private struct Pooled {
        let database: XapianDatabase
        let generation: Int
        var revision: Int
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

    public static let localOpener: Opener = { directory, manifest in
        try XapianDatabase(paths: manifest.shards.map { directory.appendingPathComponent($0).path })
    }

    /// Opens the current generation of the index directory `root`.
    public init(root: URL, opener: @escaping Opener = OfferIndex.localOpener) throws {
        layout = IndexLayout(root: root)
        self.opener = opener
        let (directory, manifest) = try layout.current()
        let first = try opener(directory, manifest)
        _ = try first.stats()   // fail now, not on the first query, if the database is damaged
        state = Mutex(State(directory: directory, manifest: manifest, pool: [Pooled(database: first, generation: manifest.generation, revision: 0)]))
    }

    public var manifest: IndexManifest { state.withLock { $0.manifest } }
    public var directory: URL { state.withLock { $0.directory } }

    /// Runs `body` with a handle of its own. Retries once after Xapian reports
    /// the revision it was reading was overwritten by a writer.
    public func withDatabase<R>(_ body: (XapianDatabase) throws -> R) throws -> R {
        let pooled = try checkout()
        defer { checkin(pooled) }
        do {
            return try body(pooled.database)
        } catch let error as XapianError where error.kind == .databaseModified {
            try pooled.database.reopen()
            return try body(pooled.database)
        }
    }

    private func checkout() throws -> Pooled {
        let (taken, directory, manifest, revision) = state.withLock { s in
            (s.pool.popLast(), s.directory, s.manifest, s.revision)
        }
        var pooled = try taken ?? Pooled(database: opener(directory, manifest), generation: manifest.generation, revision: revision)
        if pooled.revision < revision {
            try pooled.database.reopen()
            pooled.revision = revision
        }
        return pooled
    }

    private func checkin(_ pooled: Pooled) {
        let stale = state.withLock { s -> Bool in
            guard pooled.generation == s.manifest.generation, s.pool.count < 64 else { return true }
            s.pool.append(pooled)
            return false
        }
        if stale { pooled.database.close() }
    }

    /// Tells readers that a writer committed: each handle reopens before its next use.
    public func markChanged() {
        state.withLock { $0.revision += 1 }
    }

    /// Follows `current` again; returns true when it now points to another generation.
    @discardableResult
    public func reload() throws -> Bool {
        let (directory, manifest) = try layout.current()
        let fresh = try opener(directory, manifest)
        _ = try fresh.stats()
        let old = state.withLock { s -> [Pooled]? in
            guard s.manifest.generation != manifest.generation else { return nil }
            let old = s.pool
            s = State(directory: directory, manifest: manifest,
                      pool: [Pooled(database: fresh, generation: manifest.generation, revision: s.revision)], revision: s.revision)
            return old
        }
        old?.forEach { $0.database.close() }
        if old == nil { fresh.close() }
        return old != nil
    }

    public func documentCount() throws -> Int { try withDatabase { try $0.stats().documentCount } }
}
