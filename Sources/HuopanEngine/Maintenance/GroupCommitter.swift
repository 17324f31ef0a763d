import Foundation
import HuopanCatalog
import HuopanIndex
import Synchronization

/// The index's single writer, fed by one thread that commits writes in groups.
///
/// Every Xapian commit discards the revision before the previous one, and a reader still
/// on it fails with DatabaseModifiedError. One commit per single-offer upsert (hundreds a
/// second under load) would leave a search only milliseconds to finish before it has to
/// start again. So writes queue here; the thread takes everything queued, waits until
/// `interval` has passed since the last commit, applies the group as one transaction,
/// commits once and acknowledges every write of the group. A write is acknowledged only
/// after its commit; one that fails is rolled back alone (the group is retried write by
/// write); one still queued at its deadline is refused having changed nothing.
final class GroupCommitter: Sendable {
    /// A change to the index.
    enum Change: Sendable {
        case upsert([Offer])
        case delete(String)
    }

    enum Outcome: Sendable {
        case upserted(generation: Int)
        case deleted(existed: Bool)
        case done
    }

    /// The writer and, while a reindex runs, the journal of committed changes to replay.
    struct State {
        var writer: OfferIndexWriter?
        var journal: [Change]?
    }

    private enum Job: Sendable {
        case change(Change)
        /// Runs alone, with the state, between groups (a reindex's switch).
        case exclusive(@Sendable (inout State) throws -> Void)
        case stop
    }

    private struct Pending: Sendable {
        let job: Job
        let deadline: Deadline
        let reply: @Sendable (Result<Outcome, Error>) -> Void
    }

    let state: Mutex<State>
    private let queue = Mutex<[Pending]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let interval: Double
    private let capacity: Int
    /// Called after every successful commit (readers reopen).
    private let committed: @Sendable (Int) -> Void

    init(writer: OfferIndexWriter?, interval: Double, capacity: Int, committed: @escaping @Sendable (Int) -> Void) {
        state = Mutex(State(writer: writer))
        self.interval = interval
        self.capacity = capacity
        self.committed = committed
        let thread = Thread { [self] in run() }
        thread.name = "index writer"
        thread.start()
    }

    /// Queues a change; returns once it is committed (durable) or has failed.
    func submit(_ change: Change, deadline: Deadline) async throws -> Outcome {
        try await enqueue(.change(change), deadline: deadline)
    }

    /// Runs `body` on the writer thread between groups, with exclusive use of the state.
    func exclusive(_ body: @escaping @Sendable (inout State) throws -> Void) async throws {
        _ = try await enqueue(.exclusive(body), deadline: .none)
    }

    /// The same, for a caller on a thread of its own (the reindex thread).
    func exclusiveBlocking(_ body: @escaping @Sendable (inout State) throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<Outcome, Error>?>(nil)
        try push(
            Pending(job: .exclusive(body), deadline: .none) { r in
                result.withLock { $0 = r }
                done.signal()
            })
        done.wait()
        _ = try result.withLock { $0! }.get()
    }

    func stop() {
        try? push(Pending(job: .stop, deadline: .none) { _ in })
    }

    private func enqueue(_ job: Job, deadline: Deadline) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            do {
                try push(Pending(job: job, deadline: deadline) { continuation.resume(with: $0) })
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    private func push(_ pending: Pending) throws {
        try queue.withLock { q in
            if case .change = pending.job, q.count >= capacity {
                throw QueueFull(queue: "write", capacity: capacity, retryAfter: 1)
            }
            q.append(pending)
        }
        wake.signal()
    }

    private func run() {
        var lastCommit = 0.0
        while true {
            wake.wait()
            // Let a group gather: at most one commit per interval.
            let wait = lastCommit + interval - Date.timeIntervalSinceReferenceDate
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            let batch = queue.withLock { q -> [Pending] in
                defer { q.removeAll() }
                return q
            }
            var group: [Pending] = []
            for pending in batch {
                switch pending.job {
                case .change:
                    group.append(pending)
                case .exclusive(let body):
                    if commit(group) { lastCommit = Date.timeIntervalSinceReferenceDate }
                    group = []
                    do {
                        try state.withLock { try body(&$0) }
                        pending.reply(.success(.done))
                    } catch {
                        pending.reply(.failure(error))
                    }
                case .stop:
                    _ = commit(group)
                    return
                }
            }
            if commit(group) { lastCommit = Date.timeIntervalSinceReferenceDate }
        }
    }

    /// Applies and commits a group; true when something was committed.
    private func commit(_ group: [Pending]) -> Bool {
        let live = group.filter { p in
            if p.deadline.hasPassed { p.reply(.failure(DeadlineExceeded())); return false }
            return true
        }
        guard !live.isEmpty else { return false }
        let outcome = state.withLock { s -> (generation: Int, results: [Result<Outcome, Error>])? in
            guard let writer = s.writer else { return nil }
            if let results = try? writer.transaction({ try live.map { try Self.apply($0.job, writer) } }) {
                s.journal?.append(contentsOf: live.compactMap { if case .change(let c) = $0.job { c } else { nil } })
                return (writer.generation, results.map { .success($0) })
            }
            // Something in the group failed: each write on its own, so one bad write fails alone.
            var results: [Result<Outcome, Error>] = []
            for p in live {
                results.append(Result { try writer.transaction { try Self.apply(p.job, writer) } })
                if case .success = results.last!, case .change(let c) = p.job { s.journal?.append(c) }
            }
            return (writer.generation, results)
        }
        guard let outcome else {
            for p in live { p.reply(.failure(MaintenanceError.conflict("the index writer is closed"))) }
            return false
        }
        let anyCommitted = outcome.results.contains { if case .success = $0 { true } else { false } }
        if anyCommitted { committed(outcome.generation) }
        for (p, r) in zip(live, outcome.results) { p.reply(r) }
        return anyCommitted
    }

    private static func apply(_ job: Job, _ writer: OfferIndexWriter) throws -> Outcome {
        guard case .change(let change) = job else { return .done }
        switch change {
        case .upsert(let offers):
            try writer.upsert(offers)
            return .upserted(generation: writer.generation)
        case .delete(let id):
            return .deleted(existed: try writer.delete(id: id))
        }
    }
}
