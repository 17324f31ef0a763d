import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText
import Logging
import NIOPosix
import Synchronization

/// The server's state: the index and its single writer, the search pipeline,
/// the profile store, reindex jobs and metrics. Synchronous Xapian work runs on
/// `threadPool`, never on the event loop.
public final class HuopanService: Sendable {
    public let configuration: ServerConfiguration
    public let layout: IndexLayout
    public let index: OfferIndex
    public let search: OfferSearch
    public let profiles: ProfileStore
    public let jobs: ReindexJobs
    public let metrics: ServerMetrics
    public let logger: Logger
    let threadPool: NIOThreadPool
    let dataRoot: URL
    let stateDir: URL

    /// One writer per index (Xapian's rule). While a reindex runs, writes are
    /// also journaled so they can be replayed into the new generation before it
    /// goes live.
    struct WriteState {
        var writer: OfferIndexWriter?
        var journal: [WriteOp]?
    }

    enum WriteOp: Sendable {
        case upsert([Offer])
        case delete(String)
    }

    let writes: Mutex<WriteState>

    /// Opens (or bootstraps) the index and loads the profiles.
    public static func open(_ configuration: ServerConfiguration, logger: Logger) throws -> HuopanService {
        let lexicon = try Corpora.lexicon()
        let layout = IndexLayout(root: URL(fileURLWithPath: configuration.db))
        let seedDir = try configuration.profilesDir.map { URL(fileURLWithPath: $0) } ?? Corpora.path("profiles")
        let stateDir = URL(fileURLWithPath: configuration.stateDir)
        try FileManager.default.createDirectory(at: stateDir, withIntermediateDirectories: true)
        let profiles = try ProfileStore(seed: try ProfileSet.load(directory: seedDir),
                                        historyFile: stateDir.appendingPathComponent("profiles.history.jsonl"))
        if let shards = configuration.shards {
            let topology = ShardTopology(parsing: shards, onShardLoss: ShardTopology.OnShardLoss(rawValue: configuration.onShardLoss) ?? .partial)
            logger.info("searching remote shards", metadata: ["shards": "\(shards)", "on_shard_loss": "\(configuration.onShardLoss)"])
            return try HuopanService(configuration: configuration, layout: layout, index: try OfferIndex(topology: topology),
                                     lexicon: lexicon, profiles: profiles, stateDir: stateDir, logger: logger)
        }
        for leftover in layout.incompleteGenerations() {
            logger.warning("removing incomplete index generation left by an interrupted build", metadata: ["path": "\(leftover.path)"])
            try? FileManager.default.removeItem(at: leftover)
        }
        if (try? layout.current()) == nil {
            guard let catalog = configuration.bootstrapCatalog else {
                throw ConfigurationError("no index at \(configuration.db) and no bootstrap_catalog to build one from")
            }
            logger.info("no index yet; building one", metadata: ["catalog": "\(catalog)", "db": "\(configuration.db)"])
            let report = try IndexBuilder(layout: layout, lexicon: lexicon).build(catalog: URL(fileURLWithPath: catalog))
            logger.info("index built", metadata: ["offers": "\(report.offers)", "rejected": "\(report.rejected.count)",
                                                  "seconds": "\(String(format: "%.1f", report.seconds))"])
        }
        return try HuopanService(configuration: configuration, layout: layout, index: try OfferIndex(root: layout.root),
                                 lexicon: lexicon, profiles: profiles, stateDir: stateDir, logger: logger)
    }

    init(configuration: ServerConfiguration, layout: IndexLayout, index: OfferIndex, lexicon: Lexicon, profiles: ProfileStore,
         stateDir: URL, logger: Logger) throws {
        self.configuration = configuration
        self.layout = layout
        self.index = index
        search = OfferSearch(index: index, lexicon: lexicon)
        self.profiles = profiles
        jobs = ReindexJobs()
        metrics = ServerMetrics()
        self.logger = logger
        threadPool = NIOThreadPool(numberOfThreads: configuration.workerThreads)
        threadPool.start()
        dataRoot = URL(fileURLWithPath: configuration.dataRoot).standardizedFileURL.resolvingSymlinksInPath()
        self.stateDir = stateDir
        writes = Mutex(WriteState(writer: index.isRemote ? nil : try OfferIndexWriter(layout: layout, lexicon: lexicon)))
        try? search.vocabulary.prepare(index, lexicon: lexicon)
        // Queries are segmented with today's lexicon; titles were segmented with the one the
        // index was built with. They still match through the character grams, but word terms
        // drift apart until a reindex, so say so.
        let built = index.manifest.lexiconFingerprint, current = String(lexicon.fingerprint, radix: 16)
        if !built.isEmpty, built != current {
            logger.warning("index was built with another lexicon; reindex to segment titles like queries",
                           metadata: ["index_lexicon": "\(built)", "lexicon": "\(current)"])
        }
    }

    public var lexicon: Lexicon { search.lexicon }

    /// Runs blocking work (Xapian, ICU) on the worker threads.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(body)
    }

    /// Commits pending writes, releases the write lock and stops the workers.
    public func shutdown() async {
        writes.withLock { s in
            do { try s.writer?.close() } catch { logger.error("closing the index writer failed: \(error)") }
            s.writer = nil
        }
        try? await threadPool.shutdownGracefully()
    }

    // MARK: - writes

    public struct UpsertResult: Codable, Sendable {
        public var upserted: Int
        public var rejected: [RejectedLine]
        public var generation: Int
    }

    /// Validates NDJSON offers and upserts the good ones; returns once they are durable.
    public func upsert(ndjson data: Data) throws -> UpsertResult {
        let reader = CatalogReader()
        var offers: [Offer] = []
        var rejected: [RejectedLine] = []
        for (number, range) in CatalogReader.lineRanges(data) {
            switch reader.decode(data[range], lineNumber: number) {
            case .success(let o): offers.append(o)
            case .failure(let r): rejected.append(r)
            }
        }
        guard !offers.isEmpty else { return UpsertResult(upserted: 0, rejected: rejected, generation: index.manifest.generation) }
        let generation = try writes.withLock { s -> Int in
            guard let writer = s.writer else { throw ServiceError.conflict(noWriter) }
            try writer.upsert(offers)
            try writer.commit()
            s.journal?.append(.upsert(offers))
            return writer.generation
        }
        index.markChanged()
        metrics.upserts.increment(by: Int64(offers.count))
        return UpsertResult(upserted: offers.count, rejected: rejected, generation: generation)
    }

    var noWriter: String {
        index.isRemote ? "this server searches remote shards; write to the hosts that own them" : "the index writer is closed"
    }

    /// Deletes an offer; durable when it returns. False when there was none.
    public func delete(id: String) throws -> Bool {
        let deleted = try writes.withLock { s -> Bool in
            guard let writer = s.writer else { throw ServiceError.conflict(noWriter) }
            let existed = try writer.delete(id: id)
            try writer.commit()
            s.journal?.append(.delete(id))
            return existed
        }
        index.markChanged()
        return deleted
    }

    /// The stored JSON of one offer.
    public func offer(id: String) throws -> JSONValue? {
        try index.withDatabase { db in
            guard let docid = try db.docid(forTerm: OfferDocumentBuilder.idTerm(id)), let data = try db.data(of: [docid]).first ?? nil else {
                return nil
            }
            return try JSONValue.parse(data)
        }
    }

    // MARK: - reindex

    public enum ReindexSource: Sendable {
        case file(URL)
        case upload(Data)
    }

    /// Resolves a catalog path given by a client; it must stay inside the data root.
    public func resolveCatalogPath(_ path: String) throws -> URL {
        guard !path.isEmpty, !path.contains("\0") else { throw ServiceError.badRequest("path", "must be a non-empty path") }
        let candidate = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : dataRoot.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        guard candidate.path == dataRoot.path || candidate.path.hasPrefix(dataRoot.path + "/") else {
            throw ServiceError.forbidden("path", "must be inside the data root \(configuration.dataRoot)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue else {
            throw ServiceError.badRequest("path", "no catalog file at \(path) under the data root")
        }
        return candidate
    }

    /// Starts a rebuild in the background; queries keep using the current
    /// generation until the new one is complete and has every write made meanwhile.
    public func startReindex(_ source: ReindexSource, by author: String) throws -> ReindexStatus {
        guard !index.isRemote else { throw ServiceError.conflict(noWriter) }
        let description: String
        switch source {
        case .file(let url): description = url.path
        case .upload(let data): description = "upload (\(data.count) bytes)"
        }
        let job = try jobs.begin(source: description, author: author)
        writes.withLock { $0.journal = [] }
        metrics.reindexRunning.record(1)
        let thread = Thread { [self] in
            self.runReindex(job.id, source)
        }
        thread.name = "reindex \(job.id)"
        thread.start()
        return job
    }

    private func runReindex(_ id: String, _ source: ReindexSource) {
        let builder = IndexBuilder(layout: layout, lexicon: lexicon)
        var prepared: IndexBuilder.Prepared?
        do {
            let data: Data
            switch source {
            case .file(let url): data = try Data(contentsOf: url, options: .alwaysMapped)
            case .upload(let d): data = d
            }
            let jobs = self.jobs
            let p = try builder.prepare(data: data, source: "reindex \(id)") { done, total in
                jobs.update(id) { $0.processedLines = done; $0.totalLines = total }
            }
            prepared = p
            jobs.update(id) { $0.state = .switching }
            let replayed = try writes.withLock { s -> Int in
                // Writes that arrived during the build go into the new generation
                // before it becomes current; writers wait meanwhile.
                let journal = s.journal ?? []
                let fresh = try OfferIndexWriter(directory: p.directory, manifest: p.manifest, lexicon: lexicon)
                for op in journal {
                    switch op {
                    case .upsert(let offers): try fresh.upsert(offers)
                    case .delete(let id): try fresh.delete(id: id)
                    }
                }
                try fresh.commit()
                try fresh.close()
                try builder.publish(p)
                try s.writer?.close()
                s.writer = try OfferIndexWriter(layout: layout, lexicon: lexicon)
                s.journal = nil
                return journal.count
            }
            try index.reload()
            search.vocabulary.invalidate()
            try? search.vocabulary.prepare(index, lexicon: lexicon)
            jobs.update(id) {
                $0.state = .succeeded
                $0.offers = p.report.offers
                $0.rejectedCount = p.report.rejected.count
                $0.rejected = Array(p.report.rejected.prefix(100))
                $0.duplicates = p.report.duplicates
                $0.generation = p.manifest.generation
                $0.replayedWrites = replayed
                $0.finishedAt = ISO8601DateFormatter().string(from: Date())
            }
            logger.info("reindex finished", metadata: ["job": "\(id)", "offers": "\(p.report.offers)", "generation": "\(p.manifest.generation)"])
        } catch {
            if let prepared { builder.discard(prepared) }
            writes.withLock { s in
                s.journal = nil
                // If the switch failed half-way, make sure a writer is open on whatever is current.
                if s.writer == nil { s.writer = try? OfferIndexWriter(layout: layout, lexicon: lexicon) }
            }
            jobs.update(id) {
                $0.state = .failed
                $0.error = "\(error)"
                $0.finishedAt = ISO8601DateFormatter().string(from: Date())
            }
            logger.error("reindex failed", metadata: ["job": "\(id)", "error": "\(error)"])
        }
        metrics.reindexRunning.record(0)
    }
}

/// Errors the service raises for callers; routes map them to HTTP statuses.
public enum ServiceError: Error, CustomStringConvertible, Sendable {
    case badRequest(String, String)
    case forbidden(String, String)
    case conflict(String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .badRequest(let f, let r), .forbidden(let f, let r): "\(f): \(r)"
        case .conflict(let s), .unavailable(let s): s
        }
    }
}
