import Foundation
import HuopanCatalog
import Synchronization

/// What a reindex job is doing, as `GET /v1/reindex/{job}` reports it.
public struct ReindexStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        /// Reading and indexing the catalog into a new generation.
        case running
        /// Replaying writes made during the build, then switching atomically.
        case switching
        case succeeded
        case failed
    }

    public var id: String
    public var state: State
    public var source: String
    public var author: String
    public var startedAt: String
    public var finishedAt: String?
    public var processedLines = 0
    public var totalLines = 0
    public var offers: Int?
    public var rejectedCount: Int?
    /// The first 100 rejected lines, each with line, field and reason.
    public var rejected: [RejectedLine] = []
    public var duplicates: Int?
    public var generation: Int?
    /// Upserts and deletes made during the build and replayed into it.
    public var replayedWrites: Int?
    /// Problems after the new generation went live (it stays live).
    public var warnings: [String]?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, state, source, author, startedAt = "started_at", finishedAt = "finished_at"
        case processedLines = "processed_lines", totalLines = "total_lines", offers, rejectedCount = "rejected_count"
        case rejected, duplicates, generation, replayedWrites = "replayed_writes", warnings, error
    }

    public var isActive: Bool { state == .running || state == .switching }
}

/// Reindex jobs: at most one runs at a time; the last 50 are remembered.
public final class ReindexJobs: Sendable {
    private let state = Mutex<(jobs: [String: ReindexStatus], order: [String], counter: Int)>(([:], [], 0))

    public init() {}

    /// A job id nobody can guess: 128 random bits.
    static func newID() -> String {
        var rng = SystemRandomNumberGenerator()
        return "rx-" + String(format: "%016llx%016llx", rng.next() as UInt64, rng.next() as UInt64)
    }

    public func begin(source: String, author: String) throws -> ReindexStatus {
        try state.withLock { s in
            if let active = s.order.last.flatMap({ s.jobs[$0] }), active.isActive {
                throw MaintenanceError.conflict("reindex \(active.id) is still \(active.state.rawValue); wait for it to finish")
            }
            s.counter += 1
            let id = Self.newID()
            let job = ReindexStatus(
                id: id, state: .running, source: source, author: author,
                startedAt: ISO8601DateFormatter().string(from: Date()))
            s.jobs[id] = job
            s.order.append(id)
            if s.order.count > 50 { s.jobs[s.order.removeFirst()] = nil }
            return job
        }
    }

    public func update(_ id: String, _ change: (inout ReindexStatus) -> Void) {
        state.withLock { s in
            if var job = s.jobs[id] {
                change(&job)
                s.jobs[id] = job
            }
        }
    }

    public func status(_ id: String) -> ReindexStatus? { state.withLock { $0.jobs[id] } }

    public var active: ReindexStatus? {
        state.withLock { s in s.order.last.flatMap { s.jobs[$0] }.flatMap { $0.isActive ? $0 : nil } }
    }
}
