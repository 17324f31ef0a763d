import Foundation
import HuopanCatalog
import HuopanText
import Synchronization

/// What a full build did.
public struct IndexBuildReport: Codable, Sendable {
    public var generation: Int
    public var directory: String
    public var offers: Int
    public var rejected: [RejectedLine]
    /// Lines whose id appeared again later in the catalog (the later line wins).
    public var duplicates: Int
    public var shards: Int
    public var seconds: Double
    /// Wall time of each phase: analyse (parallel workers), dedupe, compact.
    public var phases: [String: Double]
    public var bytesOnDisk: Int
    /// Offers whose title is longer than what is searched (`Offer.Limits.titleLength`): kept
    /// whole, searched by their beginning.
    public var truncatedTitles: Int = 0
    /// What the build did not do as the catalog asked (long titles searched in part).
    public var warnings: [String] = []
}

/// Builds a complete index generation from a JSONL catalog and switches to it.
///
/// Xapian has one writer per database, so the build is parallel by splitting
/// the work: each worker thread analyses its share of lines into scratch
/// databases of its own (no fsync, a new one every `offersPerScratch` offers),
/// and the scratch databases of each shard are then merged with Xapian's
/// compactor into the generation. The switch happens only after every shard
/// is complete.
public struct IndexBuilder: Sendable {
    public var layout: IndexLayout
    public var lexicon: Lexicon
    public var workers: Int
    public var shards: Int
    /// Lines handed to a worker at a time.
    public var blockSize = 512
    /// Offers per scratch database. A worker starts a new one after this many,
    /// so each is flushed once into empty tables (merging buffered postings into
    /// already-written chunks is what makes a large Xapian build slow); the
    /// compactor then merges them all, like segments.
    public var offersPerScratch = 100_000

    public init(layout: IndexLayout, lexicon: Lexicon, workers: Int = ProcessInfo.processInfo.activeProcessorCount, shards: Int = 1) {
        self.layout = layout
        self.lexicon = lexicon
        self.workers = max(1, workers)
        self.shards = max(1, shards)
    }

    /// Builds from a catalog file. Throws when the file cannot be read or the
    /// index cannot be written; bad lines are reported in the result instead.
    public func build(catalog url: URL, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> IndexBuildReport {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw CatalogError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try build(data: data, source: url.path, progress: progress)
    }

    /// Builds a generation and publishes it (switches `current` to it).
    public func build(
        data: Data, source: String?, progress: (@Sendable (Int, Int) -> Void)? = nil,
        beforePublish: ((IndexManifest, URL) throws -> Void)? = nil
    ) throws -> IndexBuildReport {
        let prepared = try prepare(data: data, source: source, progress: progress)
        do {
            try beforePublish?(prepared.manifest, prepared.directory)
            try publish(prepared)
        } catch {
            discard(prepared)
            throw error
        }
        return prepared.report
    }

    /// A complete generation that is not live yet.
    public struct Prepared: Sendable {
        public var directory: URL
        public var manifest: IndexManifest
        public var report: IndexBuildReport
    }

    /// Builds a complete generation beside the current one without switching to
    /// it, so a caller can first apply writes that arrived during the build.
    public func prepare(data: Data, source: String?, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Prepared {
        let started = Date()
        let lines = CatalogReader.lineRanges(data)
        let (number, directory) = try layout.newGeneration()
        do {
            let scratch = directory.appendingPathComponent("scratch")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            var phases: [String: Double] = [:]
            var mark = Date()
            func phase(_ name: String) { phases[name] = Date().timeIntervalSince(mark); mark = Date() }
            let outputs = try runWorkers(data: data, lines: lines, scratch: scratch, progress: progress)
            phase("analyse")
            let (offers, duplicates) = try removeDuplicates(outputs)
            phase("dedupe")
            var shardNames: [String] = []
            for s in 0..<shards {
                let name = String(format: "shard-%03d", s)
                shardNames.append(name)
                let inputs = outputs.flatMap { $0.paths[s] }
                try XapianWritableDatabase.compact(inputs, into: directory.appendingPathComponent(name).path)
            }
            phase("compact")
            try FileManager.default.removeItem(at: scratch)
            let rejected = outputs.flatMap(\.rejected).sorted { $0.line < $1.line }
            let manifest = IndexManifest(
                generation: number, shards: shardNames, createdAt: ISO8601DateFormatter().string(from: Date()),
                offers: offers, rejected: rejected.count, schemaVersion: Schema.version,
                lexiconFingerprint: String(lexicon.fingerprint, radix: 16), source: source)
            let report = IndexBuildReport(
                generation: number, directory: directory.path, offers: offers, rejected: rejected,
                duplicates: duplicates, shards: shards, seconds: Date().timeIntervalSince(started), phases: phases,
                bytesOnDisk: IndexLayout.diskUsage(directory))
            var withWarnings = report
            let truncated = outputs.flatMap(\.truncated).sorted { $0.line < $1.line }
            withWarnings.truncatedTitles = truncated.count
            if let first = truncated.first {
                withWarnings.warnings.append(
                    "\(truncated.count) title\(truncated.count == 1 ? "" : "s") longer than \(Offer.Limits.titleLength) characters: "
                        + "kept whole, only the first \(Offer.Limits.titleLength) are searched (first: line \(first.line), id \(first.id))")
            }
            return Prepared(directory: directory, manifest: manifest, report: withWarnings)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Switches `current` to a prepared generation and removes old ones.
    public func publish(_ prepared: Prepared) throws {
        try layout.publish(prepared.directory, manifest: prepared.manifest)
        layout.removeOldGenerations()
    }

    /// Removes a prepared generation that will not be published.
    public func discard(_ prepared: Prepared) {
        try? FileManager.default.removeItem(at: prepared.directory)
    }

    /// One worker's scratch databases, what went into them, and its rejects.
    final class WorkerOutput: @unchecked Sendable {
        // Filled by exactly one worker thread, read only after all workers joined.
        /// Per shard, the scratch databases in order (the last one is being filled).
        var paths: [[String]] = []
        var databases: [[XapianWritableDatabase]] = []
        var added: [(id: String, line: Int, shard: Int, scratch: Int, docid: UInt32)] = []
        var rejected: [RejectedLine] = []
        var truncated: [(line: Int, id: String)] = []
        var error: Error?
    }

    private func runWorkers(
        data: Data, lines: [(Int, Range<Data.Index>)], scratch: URL,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> [WorkerOutput] {
        let outputs = (0..<workers).map { _ in WorkerOutput() }
        let done = Atomic<Int>(0)
        let total = lines.count
        let (lexicon, shards, blockSize, workers) = (self.lexicon, self.shards, self.blockSize, self.workers)
        let perScratch = max(1, offersPerScratch / shards)
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            let out = outputs[k]
            do {
                let builder = OfferDocumentBuilder(analyzer: try Analyzer(lexicon: lexicon))
                let reader = CatalogReader()
                var filled = [Int](repeating: 0, count: shards)
                func startScratch(_ s: Int) throws {
                    if let current = out.databases[s].last { try current.commit() }
                    let path = scratch.appendingPathComponent("w\(k)-s\(s)-\(out.paths[s].count)").path
                    out.paths[s].append(path)
                    out.databases[s].append(try XapianWritableDatabase(path: path, options: [.create, .overwrite, .noSync]))
                    filled[s] = 0
                }
                out.paths = Array(repeating: [], count: shards)
                out.databases = Array(repeating: [], count: shards)
                for s in 0..<shards { try startScratch(s) }
                var block = k * blockSize
                while block < total {
                    for i in block..<min(block + blockSize, total) {
                        let (number, range) = lines[i]
                        switch reader.decode(data[range], lineNumber: number) {
                        case .failure(let r):
                            out.rejected.append(r)
                        case .success(let offer):
                            if offer.titleIsTruncated { out.truncated.append((number, offer.id)) }
                            let shard = ShardRouter.shard(for: offer.id, of: shards)
                            if filled[shard] >= perScratch { try startScratch(shard) }
                            let doc = try builder.document(for: offer, storedJSON: Array(data[range]))
                            let docid = try out.databases[shard].last!.add(doc)
                            filled[shard] += 1
                            out.added.append((offer.id, number, shard, out.databases[shard].count - 1, docid))
                        }
                    }
                    let n = done.add(min(blockSize, total - block), ordering: .relaxed).newValue
                    progress?(n, total)
                    block += workers * blockSize
                }
                // Flush in this thread, in parallel with the other workers; what
                // is left for the join (duplicate removal) is then small.
                for db in out.databases.joined() { try db.commit() }
            } catch {
                out.error = error
            }
        }
        if let error = outputs.compactMap(\.error).first {
            for o in outputs { for db in o.databases.joined() { try? db.close() } }
            throw error
        }
        return outputs
    }

    /// Deletes every copy of an id except the one from the latest line, then
    /// closes the scratch databases. Returns (offers kept, duplicates removed).
    private func removeDuplicates(_ outputs: [WorkerOutput]) throws -> (Int, Int) {
        var latest: [String: Int] = [:]
        latest.reserveCapacity(outputs.reduce(0) { $0 + $1.added.count })
        for o in outputs { for a in o.added where a.line > latest[a.id, default: 0] { latest[a.id] = a.line } }
        var duplicates = 0
        for o in outputs {
            for a in o.added where latest[a.id] != a.line {
                try o.databases[a.shard][a.scratch].delete(docid: a.docid)
                duplicates += 1
            }
            for db in o.databases.joined() { try db.close() }
            o.databases = []
        }
        return (latest.count, duplicates)
    }
}
