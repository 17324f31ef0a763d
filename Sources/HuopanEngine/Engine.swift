import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText
import Logging

/// The search engine, built once from an `EngineConfiguration`: the index, query
/// understanding, offer search, factory search, the published profiles and, for a local
/// index, its maintenance (writes and rebuilds). The server is routes over an engine; the
/// CLI builds the same engine.
public final class Engine: Sendable {
    public let configuration: EngineConfiguration
    public let lexicon: Lexicon
    public let index: OfferIndex
    public let understanding: QueryUnderstanding
    public let offers: OfferSearch
    public let suppliers: SupplierSearch
    public let profiles: ProfileStore
    /// Writes and rebuilds; nil when the engine searches remote shards (it only reads).
    public let maintenance: IndexMaintenance?
    /// Answers of recent searches (`search(_:deadline:)`).
    public let cache: ResultCache
    public let logger: Logger
    private let today: @Sendable () -> Int

    /// Opens the engine: the lexicon, the index (built from the bootstrap catalog when the
    /// directory holds none), the synonyms and the profiles. `today` fixes "today" for
    /// requests without `as_of` (tests).
    public static func open(
        _ configuration: EngineConfiguration, logger: Logger,
        today: (@Sendable () -> Int)? = nil
    ) throws -> Engine {
        try configuration.validate()
        let lexicon = try Analyzer.loadLexicon(directory: configuration.lexiconDirectory)
        let seed = try ProfileSet.load(directory: configuration.profilesDirectory)
        let profiles: ProfileStore
        if let other = configuration.readOnlyState {
            profiles = try ProfileStore(reading: other.appendingPathComponent(ProfileStore.historyFileName), seed: seed)
        } else {
            profiles = try ProfileStore(
                seed: seed, historyFile: configuration.stateDirectory?.appendingPathComponent(ProfileStore.historyFileName))
        }
        let index: OfferIndex
        switch configuration.index {
        case .remote(let topology):
            index = try OfferIndex(topology: topology)
        case .local(let root):
            let layout = IndexLayout(root: root)
            for leftover in layout.incompleteGenerations() {
                logger.warning("removing incomplete index generation left by an interrupted build", metadata: ["path": "\(leftover.path)"])
                try? FileManager.default.removeItem(at: leftover)
            }
            if (try? layout.current()) == nil {
                guard let catalog = configuration.bootstrapCatalog else {
                    throw EngineConfigurationError("no index at \(root.path) and no bootstrap catalog to build one from")
                }
                logger.info("no index yet; building one", metadata: ["catalog": "\(catalog.path)", "db": "\(root.path)"])
                let report = try IndexBuilder(layout: layout, lexicon: lexicon).build(catalog: catalog)
                logger.info(
                    "index built",
                    metadata: [
                        "offers": "\(report.offers)", "rejected": "\(report.rejected.count)",
                        "seconds": "\(String(format: "%.1f", report.seconds))",
                    ])
            }
            index = try OfferIndex(root: root)
        }
        return try Engine(configuration: configuration, lexicon: lexicon, index: index, profiles: profiles, logger: logger, today: today)
    }

    init(
        configuration: EngineConfiguration, lexicon: Lexicon, index: OfferIndex, profiles: ProfileStore, logger: Logger,
        today: (@Sendable () -> Int)?
    ) throws {
        self.configuration = configuration
        self.lexicon = lexicon
        self.index = index
        self.profiles = profiles
        self.logger = logger
        understanding = try QueryUnderstanding(
            index: index, lexicon: lexicon, synonyms: configuration.synonymsFile,
            expansion: configuration.expansion)
        let planner = SearchPlanner(understanding: understanding, today: today)
        self.today = planner.today
        // A coordinator over remote shards sees neither the writes made on the shard hosts nor a
        // shard going down until a search reaches it, so only a local index is cached.
        if case .local = configuration.index {
            cache = ResultCache(limits: configuration.resultCache)
        } else {
            cache = ResultCache(limits: ResultCache.Limits(bytes: 0))
        }
        offers = OfferSearch(index: index, planner: planner)
        suppliers = SupplierSearch(index: index, planner: planner)
        if case .local = configuration.index, configuration.writable {
            maintenance = try IndexMaintenance(
                layout: index.layout, index: index, lexicon: lexicon, vocabulary: understanding.vocabulary,
                limits: configuration.maintenance, dataRoot: configuration.dataRoot, logger: logger)
        } else {
            maintenance = nil
        }
        try? understanding.vocabulary.prepare(index, lexicon: lexicon)
        // Queries are segmented with today's lexicon; titles were segmented with the one the
        // index was built with. They still match through the character grams, but word terms
        // drift apart until a rebuild, so say so.
        let built = index.manifest.lexiconFingerprint, current = String(lexicon.fingerprint, radix: 16)
        if !built.isEmpty, built != current {
            logger.warning(
                "index was built with another lexicon; reindex to segment titles like queries",
                metadata: ["index_lexicon": "\(built)", "lexicon": "\(current)"])
        }
    }

    /// Searches offers with the published profiles, answering a repeated search from the
    /// result cache. `cached` says whether it did; `took_ms` is always this call's time. A
    /// search of a client in a running experiment is ranked as the experiment says
    /// (`Engine+Experiments.swift`) and carries the exposure in `experiment`.
    public func search(_ request: SearchRequest, deadline: Deadline = .none) throws -> (response: SearchResponse, cached: Bool) {
        let started = DispatchTime.now()
        let (profileSet, profileRevision) = profiles.currentWithRevision
        // Checked before the cache: an experiment's draft is cached under a name no published
        // profile has, and must not be reachable by asking for that name.
        if let name = request.profile, profileSet.profile(named: name) == nil { throw SearchError.unknownProfile(name) }
        if let (experiment, assignment) = try experimentSlot(for: request, profiles: profileSet) {
            var (response, cached) = try searchInExperiment(
                request, experiment, assignment, profiles: profileSet, revision: profileRevision, deadline: deadline)
            response.tookMs = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            return (response, cached)
        }
        return try cachedSearch(request, profiles: profileSet, revision: profileRevision, started: started, deadline: deadline)
    }

    /// One search through the result cache with `profiles` at `revision`.
    func cachedSearch(
        _ request: SearchRequest, profiles profileSet: ProfileSet, revision profileRevision: Int, started: DispatchTime = .now(),
        deadline: Deadline
    ) throws -> (response: SearchResponse, cached: Bool) {
        guard cache.isEnabled, ResultCache.isCacheable(request) else {
            return (try offers.search(request, profiles: profileSet, deadline: deadline), false)
        }
        let (generation, revision) = index.changeStamp
        let stamp = ResultCache.Stamp(
            generation: generation, revision: revision, profiles: profileRevision,
            synonyms: understanding.vocabulary.synonymsRevision)
        var normalized = request.withoutCaller
        normalized.q = try understanding.normalize(request.q)
        let key = ResultCache.Key(request: normalized, day: request.asOf == nil ? today() : 0)
        if var hit = cache.lookup(key, stamp: stamp) {
            hit.query.text = request.q
            hit.tookMs = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            return (hit, true)
        }
        let response = try offers.search(request, profiles: profileSet, deadline: deadline)
        cache.store(key, stamp: stamp, response: response)
        return (response, false)
    }

    /// The stored JSON of one offer, nil when there is none.
    public func offer(id: String, deadline: Deadline = .none) throws -> JSONValue? {
        try index.withDatabase(deadline: deadline) { db in
            guard let docid = try db.docid(forTerm: OfferDocumentBuilder.idTerm(id)), let data = try db.data(of: [docid]).first ?? nil
            else {
                return nil
            }
            return try JSONValue.parse(data)
        }
    }

    /// One page of the catalog in id order: up to `size` offers whose ids sort after
    /// `after`, and the cursor of the next page (nil on the last). Ids, not positions, make
    /// the cursor: a page read after writes or a reindex neither repeats nor skips an offer
    /// that was there all along.
    public func offers(after: String?, size: Int, deadline: Deadline = .none) throws -> (offers: [JSONValue], next: String?) {
        try index.withDatabase(deadline: deadline) { db in
            let prefix = OfferDocumentBuilder.idTerm("")
            let terms = try db.terms(prefix: prefix, after: after.map(OfferDocumentBuilder.idTerm), limit: size + 1)
            let page = terms.prefix(size)
            var docids: [UInt32] = []
            for term in page { if let d = try db.docid(forTerm: term) { docids.append(d) } }
            let offers = try db.data(of: docids).compactMap { $0 }.map { try JSONValue.parse($0) }
            let next = terms.count > size ? page.last.map { String($0.dropFirst(prefix.count)) } : nil
            return (offers, next)
        }
    }

    /// The judged query set `name` (`NAME.queries.tsv` and `NAME.qrels` in the judgments
    /// directory), or nil when there is none.
    public func judgedSet(_ name: String) -> (queries: URL, qrels: URL)? {
        guard let dir = configuration.judgmentsDirectory, name.range(of: "^[a-z0-9_-]{1,64}$", options: .regularExpression) != nil else {
            return nil
        }
        let queries = dir.appendingPathComponent("\(name).queries.tsv"), qrels = dir.appendingPathComponent("\(name).qrels")
        let fm = FileManager.default
        return fm.fileExists(atPath: queries.path) && fm.fileExists(atPath: qrels.path) ? (queries, qrels) : nil
    }

    /// Commits pending writes and releases the index's write lock.
    public func close() async {
        await maintenance?.close()
    }
}
