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
    /// Wall time of each phase: order (first pass: decode, dedupe, sort by quality),
    /// analyse (second pass, parallel workers), compact.
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
/// Two passes over the catalog. The first decodes and validates every line, keeps the
/// last line of each id, and orders the offers best static quality first
/// (`OfferStats.qualityPrior`). The second analyses them in that order, so docids follow
/// quality and a head query can take its window from the first part of each shard
/// (`RetrievalRequest.maxHits`). Xapian has one writer per database, so the second pass
/// is parallel by splitting the order into chunks: a worker claims the next chunk and
/// analyses it into scratch databases of its own (one per shard, no fsync), each flushed
/// once into empty tables. The compactor then joins each shard's scratch databases in
/// chunk order, like segments, which keeps the quality order in the docids. The switch
/// happens only after every shard is complete.
public struct IndexBuilder: Sendable {
    public var layout: IndexLayout
    public var lexicon: Lexicon
    public var workers: Int
    public var shards: Int
    /// Lines a worker decodes at a time in the first pass.
    public var blockSize = 512
    /// Offers per chunk of the second pass; each chunk writes one scratch database per
    /// shard. Flushing buffered postings into empty tables once per scratch database is
    /// what keeps a large Xapian build fast.
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
            let order = try orderByQuality(data: data, lines: lines)
            phase("order")
            let chunks = try runWorkers(data: data, lines: lines, order: order.kept, scratch: scratch, progress: progress)
            phase("analyse")
            var shardNames: [String] = []
            for s in 0..<shards {
                let name = String(format: "shard-%03d", s)
                shardNames.append(name)
                // Chunk order is quality order: the compactor numbers each input's documents
                // after the previous input's.
                let inputs = (0..<chunks).map { Self.scratchPath(scratch, chunk: $0, shard: s) }
                try XapianWritableDatabase.compact(inputs, into: directory.appendingPathComponent(name).path)
            }
            phase("compact")
            try FileManager.default.removeItem(at: scratch)
            let rejected = order.rejected
            let offers = order.kept.count
            let manifest = IndexManifest(
                generation: number, shards: shardNames, createdAt: ISO8601DateFormatter().string(from: Date()),
                offers: offers, rejected: rejected.count, schemaVersion: Schema.version,
                lexiconFingerprint: String(lexicon.fingerprint, radix: 16), source: source, docidOrder: IndexManifest.qualityOrder)
            let report = IndexBuildReport(
                generation: number, directory: directory.path, offers: offers, rejected: rejected,
                duplicates: order.duplicates, shards: shards, seconds: Date().timeIntervalSince(started), phases: phases,
                bytesOnDisk: IndexLayout.diskUsage(directory))
            var withWarnings = report
            let truncated = order.truncated
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

    /// What the first pass found: the lines to index, best quality first, and the rest.
    struct BuildOrder {
        /// Indexes into the catalog's lines.
        var kept: [Int]
        var rejected: [RejectedLine]
        var truncated: [(line: Int, id: String)]
        /// Lines whose id appears again later (the later line wins).
        var duplicates: Int
    }

    /// First pass: decodes every line in parallel, keeps the last line of each id, and
    /// orders the kept lines by static quality, best first (ties in catalog order).
    func orderByQuality(data: Data, lines: [(Int, Range<Data.Index>)]) throws -> BuildOrder {
        final class Part: @unchecked Sendable {
            // Filled by exactly one worker thread, read only after all workers joined.
            var decoded: [(index: Int, id: String, prior: Double)] = []
            var rejected: [RejectedLine] = []
            var truncated: [(index: Int, line: Int, id: String)] = []
        }
        let parts = (0..<workers).map { _ in Part() }
        let (blockSize, workers, total) = (self.blockSize, self.workers, lines.count)
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            let part = parts[k]
            let reader = CatalogReader()
            var block = k * blockSize
            while block < total {
                for i in block..<min(block + blockSize, total) {
                    let (number, range) = lines[i]
                    switch reader.decode(data[range], lineNumber: number) {
                    case .failure(let r):
                        part.rejected.append(r)
                    case .success(let offer):
                        if offer.titleIsTruncated { part.truncated.append((i, number, offer.id)) }
                        part.decoded.append((i, offer.id, offer.stats.qualityPrior))
                    }
                }
                block += workers * blockSize
            }
        }
        var latest: [String: Int] = [:]
        latest.reserveCapacity(parts.reduce(0) { $0 + $1.decoded.count })
        for p in parts { for d in p.decoded where d.index > latest[d.id, default: -1] { latest[d.id] = d.index } }
        var kept: [(index: Int, prior: Double)] = []
        kept.reserveCapacity(latest.count)
        var duplicates = 0
        for p in parts {
            for d in p.decoded {
                if latest[d.id] == d.index { kept.append((d.index, d.prior)) } else { duplicates += 1 }
            }
        }
        kept.sort { $0.prior != $1.prior ? $0.prior > $1.prior : $0.index < $1.index }
        return BuildOrder(
            kept: kept.map(\.index),
            rejected: parts.flatMap(\.rejected).sorted { $0.line < $1.line },
            // Only the lines that are indexed: a superseded duplicate's title is never searched.
            truncated: parts.flatMap(\.truncated).filter { latest[$0.id] == $0.index }.map { ($0.line, $0.id) }
                .sorted { $0.line < $1.line },
            duplicates: duplicates)
    }

    /// The scratch database of one chunk and shard.
    static func scratchPath(_ scratch: URL, chunk: Int, shard: Int) -> String {
        scratch.appendingPathComponent("c\(chunk)-s\(shard)").path
    }

    /// Second pass: workers claim chunks of `order` and analyse each into one scratch database
    /// per shard (`scratchPath`). Returns the number of chunks. Progress counts catalog lines
    /// (rejected and superseded ones included) as this pass gets through the offers.
    private func runWorkers(
        data: Data, lines: [(Int, Range<Data.Index>)], order: [Int], scratch: URL,
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> Int {
        // At least two chunks per worker, so a small catalog still uses every worker.
        let chunkSize = max(1, min(offersPerScratch, (order.count + 2 * workers - 1) / (2 * workers)))
        let chunks = max(1, (order.count + chunkSize - 1) / chunkSize)
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let firstError = Mutex<(any Error)?>(nil)
        @Sendable func fail(_ error: any Error) {
            firstError.withLock { if $0 == nil { $0 = error } }
            failed.store(true, ordering: .relaxed)
        }
        let (lexicon, shards, total, blockSize) = (self.lexicon, self.shards, order.count, self.blockSize)
        let lineCount = lines.count
        @Sendable func report(_ analysed: Int) {
            progress?(analysed == total ? lineCount : analysed * lineCount / max(1, total), lineCount)
        }
        DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { _ in
            let builder: OfferDocumentBuilder
            do {
                builder = OfferDocumentBuilder(analyzer: try Analyzer(lexicon: lexicon))
            } catch {
                fail(error)
                return
            }
            let reader = CatalogReader()
            while !failed.load(ordering: .relaxed) {
                let c = next.add(1, ordering: .relaxed).oldValue
                guard c < chunks else { return }
                var databases: [XapianWritableDatabase] = []
                do {
                    for s in 0..<shards {
                        databases.append(
                            try XapianWritableDatabase(
                                path: Self.scratchPath(scratch, chunk: c, shard: s), options: [.create, .overwrite, .noSync]))
                    }
                    let slice = order[min(c * chunkSize, total)..<min((c + 1) * chunkSize, total)]
                    var sinceReport = 0
                    for i in slice {
                        let (number, range) = lines[i]
                        guard case .success(let offer) = reader.decode(data[range], lineNumber: number) else {
                            throw CatalogError.unreadable(path: "line \(number)", reason: "changed between the two passes of the build")
                        }
                        let doc = try builder.document(for: offer, storedJSON: Array(data[range]))
                        _ = try databases[ShardRouter.shard(for: offer.id, of: shards)].add(doc)
                        sinceReport += 1
                        if sinceReport == blockSize {
                            report(done.add(sinceReport, ordering: .relaxed).newValue)
                            sinceReport = 0
                            // Another worker failed: the build is lost, stop here.
                            if failed.load(ordering: .relaxed) { break }
                        }
                    }
                    // Flushed in this thread, in parallel with the other workers.
                    for db in databases { try db.close() }
                    report(done.add(sinceReport, ordering: .relaxed).newValue)
                } catch {
                    for db in databases { try? db.close() }
                    fail(error)
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
        return chunks
    }
}
