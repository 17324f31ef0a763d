import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanEval
import HuopanIndex
import HuopanStorage
import Logging

/// What the routes run on: the engine, the thread queues that keep blocking work (Xapian,
/// ICU) off the event loop, and the metrics.
public final class HuopanService: Sendable {
    public let configuration: ServerConfiguration
    public let engine: Engine
    public let metrics: ServerMetrics
    public let logger: Logger
    /// Searches and other reads.
    let searches: WorkQueue
    /// Reading and validating uploaded offers, publishing profiles: off the search threads.
    let writers: WorkQueue
    /// Evaluation and previews, on threads of lower CPU priority.
    let operators: WorkQueue
    /// The search log and behaviour events (under the state directory); nil when
    /// `behaviour_log_mb` is 0.
    public let behaviour: BehaviourLog?

    /// Opens the engine the configuration describes.
    public static func open(_ configuration: ServerConfiguration, logger: Logger) throws -> HuopanService {
        let engine = try Engine.open(try configuration.engineConfiguration(), logger: logger)
        var behaviour: BehaviourLog?
        if configuration.behaviourLogMB > 0 {
            let perLog = Int64(configuration.behaviourLogMB) << 20
            behaviour = try BehaviourLog(
                directory: URL(fileURLWithPath: configuration.stateDir).appendingPathComponent("behaviour"),
                limits: RotatingLog.Limits(segmentBytes: min(64 << 20, max(1 << 20, perLog / 8)), maxBytes: perLog))
        }
        return HuopanService(configuration: configuration, engine: engine, behaviour: behaviour, logger: logger)
    }

    public init(configuration: ServerConfiguration, engine: Engine, behaviour: BehaviourLog? = nil, logger: Logger) {
        self.configuration = configuration
        self.behaviour = behaviour
        self.engine = engine
        self.logger = logger
        metrics = ServerMetrics()
        searches = WorkQueue(name: "search", threads: configuration.workerThreads, capacity: configuration.searchQueue)
        writers = WorkQueue(name: "write", threads: 1, capacity: configuration.writeQueue, retryAfter: 2)
        operators = WorkQueue(
            name: "operator", threads: configuration.operatorWorkers, capacity: configuration.operatorQueue,
            niceness: 10, retryAfter: 5)
    }

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

    /// The index's maintenance, or a 409 on a server that only reads remote shards.
    public var maintenance: IndexMaintenance {
        get throws {
            guard let m = engine.maintenance else {
                throw MaintenanceError.conflict("this server searches remote shards; write to the hosts that own them")
            }
            return m
        }
    }

    public struct UpsertResult: Codable, Sendable {
        public var upserted: Int
        public var rejected: [RejectedLine]
        public var generation: Int
    }

    /// Validates NDJSON offers (on the write thread) and upserts the good ones; returns once
    /// they are committed.
    public func upsert(ndjson data: Data, deadline: Deadline) async throws -> UpsertResult {
        let maintenance = try self.maintenance
        let (offers, rejected) = try await write(deadline: deadline) { try maintenance.read(ndjson: data) }
        guard !offers.isEmpty else {
            return UpsertResult(upserted: 0, rejected: rejected, generation: engine.index.manifest.generation)
        }
        let generation = try await maintenance.upsert(offers, deadline: deadline)
        metrics.upserts.increment(by: Int64(offers.count))
        return UpsertResult(upserted: offers.count, rejected: rejected, generation: generation)
    }

    /// Commits pending writes, releases the write lock and stops the workers.
    public func shutdown() async {
        await engine.close()
        behaviour?.close()
        await searches.shutdown()
        await writers.shutdown()
        await operators.shutdown()
    }
}
