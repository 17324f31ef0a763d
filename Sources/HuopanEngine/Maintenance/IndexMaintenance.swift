import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanText
import Logging
import Synchronization

/// Writes to a local index and full rebuilds of it.
///
/// Writes (upserts, deletes) go through the one writer Xapian allows, committed in groups
/// (`GroupCommitter`). A rebuild (`startReindex`) builds a new generation beside the live
/// one; writes made meanwhile are journaled and replayed into it before it is published.
/// Publishing, the rename of `current`, is the point of no return: a failure before it
/// discards the new generation and leaves the live one as it was; a failure after it never
/// touches the new, now live, one.
public final class IndexMaintenance: Sendable {
    public struct Limits: Sendable {
        /// Offers in one upsert, at most.
        public var maxUpsertOffers = 10_000
        /// A rebuild fails, changing nothing, when more than this share of its lines is rejected.
        public var maxRejectedShare = 0.1
        /// At most one commit per this many seconds (see `GroupCommitter`).
        public var commitInterval = 0.05
        /// Writes waiting, at most.
        public var writeQueue = 64

        public init() {}
    }

    public let layout: IndexLayout
    public let jobs = ReindexJobs()
    let index: OfferIndex
    let lexicon: Lexicon
    let vocabulary: QueryVocabulary
    let limits: Limits
    let dataRoot: URL
    let committer: GroupCommitter
    let logger: Logger
    /// Runs right after a rebuild publishes; tests use it to fail there on purpose.
    let afterPublish = Mutex<(@Sendable () throws -> Void)?>(nil)

    init(
        layout: IndexLayout, index: OfferIndex, lexicon: Lexicon, vocabulary: QueryVocabulary, limits: Limits,
        dataRoot: URL, logger: Logger
    ) throws {
        self.layout = layout
        self.index = index
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self.limits = limits
        self.dataRoot = dataRoot.standardizedFileURL.resolvingSymlinksInPath()
        self.logger = logger
        committer = GroupCommitter(
            writer: try OfferIndexWriter(layout: layout, lexicon: lexicon),
            interval: limits.commitInterval, capacity: limits.writeQueue
        ) { [index] _ in
            index.markChanged()
        }
    }

    /// Commits what is pending and releases the index's write lock.
    public func close() async {
        let logger = self.logger
        try? await committer.exclusive { s in
            do { try s.writer?.close() } catch { logger.error("closing the index writer failed: \(error)") }
            s.writer = nil
        }
        committer.stop()
    }

    // MARK: - writes

    public struct UpsertResult: Codable, Sendable {
        public var upserted: Int
        public var rejected: [RejectedLine]
        public var generation: Int
    }

    /// Reads NDJSON offers: the good ones, and each bad line with its line, field and reason.
    /// A body of more than `maxUpsertOffers` lines is refused whole.
    public func read(ndjson data: Data) throws -> (offers: [Offer], rejected: [RejectedLine]) {
        let lines = CatalogReader.lineRanges(data)
        guard lines.count <= limits.maxUpsertOffers else {
            throw MaintenanceError.tooLarge(
                "the body has \(lines.count) offers; at most \(limits.maxUpsertOffers) are accepted per request (max_upsert_offers): split the upload"
            )
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

    /// Adds or replaces valid offers; returns the generation once they are committed.
    /// Refused, having changed nothing, when it cannot start before `deadline`.
    public func upsert(_ offers: [Offer], deadline: Deadline) async throws -> Int {
        guard case .upserted(let generation) = try await committer.submit(.upsert(offers), deadline: deadline) else {
            throw MaintenanceError.unavailable("the write was not applied")
        }
        return generation
    }

    /// Deletes an offer; committed when it returns. False when there was none.
    public func delete(id: String, deadline: Deadline) async throws -> Bool {
        guard case .deleted(let existed) = try await committer.submit(.delete(id), deadline: deadline) else {
            throw MaintenanceError.unavailable("the delete was not applied")
        }
        return existed
    }

    // MARK: - reindex

    public enum ReindexSource: Sendable {
        case file(URL)
        case upload(Data)
    }

    /// Resolves a catalog path given by a client: relative to the data root, and inside it.
    public func resolveCatalogPath(_ path: String) throws -> URL {
        guard !path.isEmpty, !path.contains("\0") else { throw MaintenanceError.badRequest("path", "must be a non-empty path") }
        let candidate = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : dataRoot.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        guard candidate.path == dataRoot.path || candidate.path.hasPrefix(dataRoot.path + "/") else {
            throw MaintenanceError.forbidden("path", "must be inside the data root (data_root)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue else {
            throw MaintenanceError.badRequest("path", "no catalog file at \(path) under the data root")
        }
        return candidate
    }

    /// Starts a rebuild in the background; queries keep using the current generation until
    /// the new one is complete and has every write made meanwhile.
    public func startReindex(_ source: ReindexSource, by author: String) throws -> ReindexStatus {
        let description: String
        switch source {
        case .file(let url): description = url.path
        case .upload(let data): description = "upload (\(data.count) bytes)"
        }
        let job = try jobs.begin(source: description, author: author)
        try committer.exclusiveBlocking { $0.journal = [] }
        let thread = Thread { [self] in self.runReindex(job.id, source) }
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
        if share > limits.maxRejectedShare {
            return String(
                format: "%d of %d lines were rejected (%.1f%%, more than max_rejected_share %.1f%%); the index was left as it was",
                report.rejected.count, lines, share * 100, limits.maxRejectedShare * 100)
        }
        return nil
    }

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
                jobs.update(id) {
                    $0.processedLines = done; $0.totalLines = total
                }
            }
            prepared = p
            jobs.update(id) {
                $0.offers = p.report.offers
                $0.rejectedCount = p.report.rejected.count
                $0.rejected = Array(p.report.rejected.prefix(100))
                $0.duplicates = p.report.duplicates
            }
            if let reason = refusal(p.report) { throw MaintenanceError.badRequest("catalog", reason) }
            jobs.update(id) { $0.state = .switching }
            let (replayed, switchWarnings, didPublish) = try switchTo(p, builder: builder)
            published = didPublish
            var warnings = p.report.warnings + switchWarnings
            do { try index.reload() } catch { warnings.append("readers still use the previous generation until a restart: \(error)") }
            vocabulary.invalidate()
            try? vocabulary.prepare(index, lexicon: lexicon)
            for w in switchWarnings { logger.error("reindex after publishing", metadata: ["job": "\(id)", "problem": "\(w)"]) }
            for w in p.report.warnings { logger.warning("reindex", metadata: ["job": "\(id)", "warning": "\(w)"]) }
            jobs.update(id) {
                $0.state = .succeeded
                $0.generation = p.manifest.generation
                $0.replayedWrites = replayed
                $0.warnings = warnings.isEmpty ? nil : warnings
                $0.finishedAt = ISO8601DateFormatter().string(from: Date())
            }
            logger.info(
                "reindex finished", metadata: ["job": "\(id)", "offers": "\(p.report.offers)", "generation": "\(p.manifest.generation)"])
        } catch {
            if let prepared, !published { builder.discard(prepared) }
            let (layout, lexicon) = (self.layout, self.lexicon)
            try? committer.exclusiveBlocking { s in
                s.journal = nil
                // If the switch failed half-way, make sure a writer is open on whatever is current.
                if s.writer == nil { s.writer = try? OfferIndexWriter(layout: layout, lexicon: lexicon) }
            }
            let message: String
            if case MaintenanceError.badRequest(_, let reason) = error { message = reason } else { message = "\(error)" }
            jobs.update(id) {
                $0.state = .failed
                $0.error = message
                $0.finishedAt = ISO8601DateFormatter().string(from: Date())
            }
            logger.error("reindex failed", metadata: ["job": "\(id)", "error": "\(error)"])
        }
    }

    /// On the writer thread, with writers waiting: replays the journal into the prepared
    /// generation, publishes it, and reopens the writer on it. Returns the writes replayed,
    /// the problems met after publishing, and whether it was published.
    private func switchTo(_ p: IndexBuilder.Prepared, builder: IndexBuilder) throws -> (Int, [String], Bool) {
        let outcome = Mutex<(replayed: Int, warnings: [String], published: Bool)>((0, [], false))
        let (layout, lexicon) = (self.layout, self.lexicon)
        let afterPublish = afterPublish.withLock { $0 }
        try committer.exclusiveBlocking { s in
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
            var warnings: [String] = []
            do {
                try builder.publish(p)
            } catch {
                // The rename may have happened before the error (an fsync after it failed).
                guard (try? layout.current())?.manifest.generation == p.manifest.generation else { throw error }
                warnings.append("published, but: \(error)")
            }
            s.journal = nil
            // Past the point of no return: the old writer's generation is no longer current.
            do { try afterPublish?() } catch { warnings.append("\(error)") }
            do { try s.writer?.close() } catch { warnings.append("closing the previous writer: \(error)") }
            do {
                s.writer = try OfferIndexWriter(layout: layout, lexicon: lexicon)
            } catch {
                s.writer = nil
                warnings.append("the writer could not be reopened, writes are refused until a restart: \(error)")
            }
            outcome.withLock { $0 = (journal.count, warnings, true) }
        }
        return outcome.withLock { ($0.replayed, $0.warnings, $0.published) }
    }
}

/// What maintenance refuses, for callers to map to statuses.
public enum MaintenanceError: Error, CustomStringConvertible, Sendable {
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
