import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText
import Logging
import Synchronization

/// The server's state: the index and its single writer, the search pipeline,
/// the profile store, reindex jobs and metrics. Synchronous Xapian work runs on
/// the work queues, never on the event loop.
public final class HuopanService: Sendable {
    public let configuration: ServerConfiguration
    public let layout: IndexLayout
    public let index: OfferIndex
    public let search: OfferSearch
    public let profiles: ProfileStore
    public let jobs: ReindexJobs
    public let metrics: ServerMetrics
    public let logger: Logger
    /// Searches and other reads.
    let searches: WorkQueue
    /// Reading and validating uploaded offers, off the search threads.
    let writers: WorkQueue
    /// The index's single writer; commits writes in groups.
    let committer: GroupCommitter
    /// Evaluation and previews, on a thread of lower CPU priority.
    let operators: WorkQueue
    let dataRoot: URL
    let stateDir: URL

    /// Runs right after a reindex publishes; tests use it to fail there on purpose.
    let afterPublish = Mutex<(@Sendable () throws -> Void)?>(nil)

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
        searches = WorkQueue(name: "search", threads: configuration.workerThreads, capacity: configuration.searchQueue)
        writers = WorkQueue(name: "write", threads: 1, capacity: configuration.writeQueue, retryAfter: 2)
        operators = WorkQueue(name: "operator", threads: configuration.operatorWorkers, capacity: configuration.operatorQueue,
                              niceness: 10, retryAfter: 5)
        dataRoot = URL(fileURLWithPath: configuration.dataRoot).standardizedFileURL.resolvingSymlinksInPath()
        self.stateDir = stateDir
        committer = GroupCommitter(writer: index.isRemote ? nil : try OfferIndexWriter(layout: layout, lexicon: lexicon),
                                   interval: configuration.commitIntervalSeconds, capacity: configuration.writeQueue) { [index] _ in
            index.markChanged()
        }
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

    /// Runs a read (search, lookup) on the search threads; it must not start after `deadline`.
    public func read<T: Sendable>(deadline: Deadline, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await searches.run(deadline: deadline, body)
    }

    /// Runs work that prepares or makes a change (reading uploads, publishing profiles) on the
    /// write thread; it is refused, having changed nothing, when it cannot start before
    /// `deadline`. Once started it runs to its real outcome.
    public func write<T: Sendable>(deadline: Deadline, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await writers.run(deadline: deadline, body)
    }

    /// Runs operator work (evaluation, previews) on the low-priority operator threads.
    public func operate<T: Sendable>(deadline: Deadline, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await operators.run(deadline: deadline, body)
    }

    /// Commits pending writes, releases the write lock and stops the workers.
    public func shutdown() async {
        let logger = self.logger
        try? await committer.exclusive { s in
            do { try s.writer?.close() } catch { logger.error("closing the index writer failed: \(error)") }
            s.writer = nil
        }
        committer.stop()
        await searches.shutdown()
        await writers.shutdown()
        await operators.shutdown()
    }

    // MARK: - writes

    public struct UpsertResult: Codable, Sendable {
        public var upserted: Int
        public var rejected: [RejectedLine]
        public var generation: Int
    }

    /// Validates NDJSON offers and upserts the good ones; returns once they are durable.
    /// A body of more than `max_upsert_offers` lines is refused whole, before anything is written.
    public func upsert(ndjson data: Data, deadline: Deadline) async throws -> UpsertResult {
        let limit = configuration.maxUpsertOffers
        let (offers, rejected) = try await write(deadline: deadline) { () throws -> ([Offer], [RejectedLine]) in
            let lines = CatalogReader.lineRanges(data)
            guard lines.count <= limit else {
                throw ServiceError.tooLarge("the body has \(lines.count) offers; at most \(limit) are accepted per request (max_upsert_offers): split the upload")
            }
            let reader = CatalogReader()
            var offers: [Offer] = []
            var rejected: [RejectedLine] = []
            for (number, range) in lines {
                switch reader.decode(data[range], lineNumber: number) {
                case .success(let o): offers.append(o)
                case .failure(let r): rejected.append(r)
                }
            }
            return (offers, rejected)
        }
        guard !offers.isEmpty else { return UpsertResult(upserted: 0, rejected: rejected, generation: index.manifest.generation) }
        guard !index.isRemote else { throw ServiceError.conflict(noWriter) }
        guard case .upserted(let generation) = try await committer.submit(.upsert(offers), deadline: deadline) else {
            throw ServiceError.unavailable("the write was not applied")
        }
        metrics.upserts.increment(by: Int64(offers.count))
        return UpsertResult(upserted: offers.count, rejected: rejected, generation: generation)
    }

    var noWriter: String {
        index.isRemote ? "this server searches remote shards; write to the hosts that own them" : "the index writer is closed"
    }

    /// Deletes an offer; durable when it returns. False when there was none.
    public func delete(id: String, deadline: Deadline) async throws -> Bool {
        guard !index.isRemote else { throw ServiceError.conflict(noWriter) }
        guard case .deleted(let existed) = try await committer.submit(.delete(id), deadline: deadline) else {
            throw ServiceError.unavailable("the delete was not applied")
        }
        return existed
    }

    /// The stored JSON of one offer.
    public func offer(id: String, deadline: Deadline) throws -> JSONValue? {
        try index.withDatabase(deadline: deadline) { db in
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
        try committer.exclusiveBlocking { $0.journal = [] }
        metrics.reindexRunning.record(1)
        let thread = Thread { [self] in
            self.runReindex(job.id, source)
        }
        thread.name = "reindex \(job.id)"
        thread.start()
        return job
    }

    /// Why a prepared generation must not go live (nil when it may).
    func refusal(_ report: IndexBuildReport) -> String? {
        let lines = report.offers + report.duplicates + report.rejected.count
        if report.offers == 0 {
            return "the catalog yielded no offers (\(report.rejected.count) lines rejected); the index was left as it was"
        }
        let share = Double(report.rejected.count) / Double(max(1, lines))
        if share > configuration.maxRejectedShare {
            return String(format: "%d of %d lines were rejected (%.1f%%, more than max_rejected_share %.1f%%); the index was left as it was",
                          report.rejected.count, lines, share * 100, configuration.maxRejectedShare * 100)
        }
        return nil
    }

    /// Build, check, replay the journal, publish. Publishing (the rename of `current`) is
    /// the point of no return: a failure before it discards the new generation and leaves
    /// the live one untouched; a failure after it never touches the new, now live, one.
    private func runReindex(_ id: String, _ source: ReindexSource) {
        let builder = IndexBuilder(layout: layout, lexicon: lexicon)
        var prepared: IndexBuilder.Prepared?
        var published = false
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
            jobs.update(id) {
                $0.offers = p.report.offers
                $0.rejectedCount = p.report.rejected.count
                $0.rejected = Array(p.report.rejected.prefix(100))
                $0.duplicates = p.report.duplicates
            }
            if let reason = refusal(p.report) { throw ServiceError.badRequest("catalog", reason) }
            jobs.update(id) { $0.state = .switching }
            let warnings = Mutex<[String]>([])
            let replayedCount = Mutex(0)
            let publishedFlag = Mutex(false)
            let (layout, lexicon) = (self.layout, self.lexicon)
            let afterPublish = afterPublish.withLock { $0 }
            try committer.exclusiveBlocking { s in
                // Writes that arrived during the build go into the new generation
                // before it becomes current; writers wait meanwhile.
                let journal = s.journal ?? []
                let fresh = try OfferIndexWriter(directory: p.directory, manifest: p.manifest, lexicon: lexicon)
                for change in journal {
                    switch change {
                    case .upsert(let offers): try fresh.upsert(offers)
                    case .delete(let id): try fresh.delete(id: id)
                    }
                }
                try fresh.commit()
                try fresh.close()
                do {
                    try builder.publish(p)
                    publishedFlag.withLock { $0 = true }
                } catch {
                    // The rename may have happened before the error (an fsync after it failed).
                    guard (try? layout.current())?.manifest.generation == p.manifest.generation else { throw error }
                    publishedFlag.withLock { $0 = true }
                    warnings.withLock { $0.append("published, but: \(error)") }
                }
                s.journal = nil
                replayedCount.withLock { $0 = journal.count }
                // Past the point of no return: the old writer's generation is no longer current.
                do { try afterPublish?() } catch { warnings.withLock { $0.append("\(error)") } }
                do { try s.writer?.close() } catch { warnings.withLock { $0.append("closing the previous writer: \(error)") } }
                do {
                    s.writer = try OfferIndexWriter(layout: layout, lexicon: lexicon)
                } catch {
                    s.writer = nil
                    warnings.withLock { $0.append("the writer could not be reopened, writes are refused until a restart: \(error)") }
                }
            }
            published = publishedFlag.withLock { $0 }
            let replayed = replayedCount.withLock { $0 }
            var warningList = warnings.withLock { $0 }
            do { try index.reload() } catch { warningList.append("readers still use the previous generation until a restart: \(error)") }
            search.vocabulary.invalidate()
            try? search.vocabulary.prepare(index, lexicon: lexicon)
            for w in warningList { logger.error("reindex after publishing", metadata: ["job": "\(id)", "problem": "\(w)"]) }
            jobs.update(id) {
                $0.state = .succeeded
                $0.generation = p.manifest.generation
                $0.replayedWrites = replayed
                $0.warnings = warningList.isEmpty ? nil : warningList
                $0.finishedAt = ISO8601DateFormatter().string(from: Date())
            }
            logger.info("reindex finished", metadata: ["job": "\(id)", "offers": "\(p.report.offers)", "generation": "\(p.manifest.generation)"])
        } catch {
            if let prepared, !published { builder.discard(prepared) }
            let (layout, lexicon) = (self.layout, self.lexicon)
            try? committer.exclusiveBlocking { s in
                s.journal = nil
                // If the switch failed half-way, make sure a writer is open on whatever is current.
                if s.writer == nil { s.writer = try? OfferIndexWriter(layout: layout, lexicon: lexicon) }
            }
            let message: String
            if case ServiceError.badRequest(_, let reason) = error { message = reason } else { message = "\(error)" }
            jobs.update(id) {
                $0.state = .failed
                $0.error = message
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
    case tooLarge(String)

    public var description: String {
        switch self {
        case .badRequest(let f, let r), .forbidden(let f, let r): "\(f): \(r)"
        case .conflict(let s), .unavailable(let s), .tooLarge(let s): s
        }
    }
}
