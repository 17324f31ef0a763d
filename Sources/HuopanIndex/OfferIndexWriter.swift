import Foundation
import HuopanCatalog
import HuopanText
import Synchronization

/// Incremental writes (upsert, delete) to the current generation of an index
/// directory. Each offer goes to the shard that owns its id. A change is
/// durable once `commit()` returns; callers acknowledge only after that.
///
/// Xapian allows one writer per database: keep one `OfferIndexWriter` per
/// index directory. Calls are serialised by `lock` (hence `@unchecked Sendable`);
/// the analyzer it owns is used only under that lock.
public final class OfferIndexWriter: @unchecked Sendable {
    public let generation: Int
    public let directory: URL
    private let lock = Mutex<Void>(())
    private var shards: [XapianWritableDatabase]
    private let builder: OfferDocumentBuilder
    private let encoder = JSONEncoder()

    public convenience init(layout: IndexLayout, lexicon: Lexicon) throws {
        let (directory, manifest) = try layout.current()
        try self.init(directory: directory, manifest: manifest, lexicon: lexicon)
    }

    /// Opens the shards of one generation (also one not yet published).
    public init(directory: URL, manifest: IndexManifest, lexicon: Lexicon) throws {
        self.directory = directory
        generation = manifest.generation
        shards = try manifest.shards.map { try XapianWritableDatabase(path: directory.appendingPathComponent($0).path, options: []) }
        builder = OfferDocumentBuilder(analyzer: try Analyzer(lexicon: lexicon))
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public var shardCount: Int { shards.count }

    /// Adds or replaces offers (they must already be valid). Not durable until `commit()`.
    public func upsert(_ offers: [Offer]) throws {
        try lock.withLock { _ in
            for offer in offers {
                let doc = try builder.document(for: offer, storedJSON: Array(try encoder.encode(offer)))
                try shards[ShardRouter.shard(for: offer.id, of: shards.count)]
                    .replace(idTerm: OfferDocumentBuilder.idTerm(offer.id), with: doc)
            }
        }
    }

    /// Deletes an offer; returns whether it existed. Not durable until `commit()`.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try lock.withLock { _ in
            try shards[ShardRouter.shard(for: id, of: shards.count)].delete(idTerm: OfferDocumentBuilder.idTerm(id))
        }
    }

    public func commit() throws {
        try lock.withLock { _ in for s in shards { try s.commit() } }
    }

    /// Applies `body`'s changes all together or, when it throws, none of them. Each shard's
    /// changes are one Xapian transaction; with several shards a crash between their
    /// commits can leave some shards ahead (each shard is still whole on its own).
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        try lock.withLock { _ in for s in shards { try s.beginTransaction() } }
        let result: R
        do {
            result = try body()
        } catch {
            lock.withLock { _ in for s in shards { try? s.cancelTransaction() } }
            throw error
        }
        try lock.withLock { _ in for s in shards { try s.commitTransaction() } }
        return result
    }

    /// Commits and releases the databases' write locks.
    public func close() throws {
        try lock.withLock { _ in
            for s in shards { try s.close() }
            shards = []
        }
    }
}
