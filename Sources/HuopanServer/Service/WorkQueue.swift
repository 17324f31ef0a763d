import Foundation
import HuopanEngine
import HuopanIndex
import NIOPosix
import Synchronization

/// Threads that run blocking work (Xapian, ICU) off the event loop, with a bounded
/// queue. The server has three: searches, writes (one thread, so writes queue instead of
/// holding search threads while they wait for the index's single writer), and operator
/// work (evaluation, previews) on a thread of lower CPU priority, so an operator's
/// evaluation cannot take the cores searches need.
public final class WorkQueue: Sendable {
    public let name: String
    /// Requests waiting or running, at most.
    public let capacity: Int
    private let pool: NIOThreadPool
    private let pending = Atomic<Int>(0)
    private let niceness: Int32
    private let retryAfter: Int

    public init(name: String, threads: Int, capacity: Int, niceness: Int32 = 0, retryAfter: Int = 1) {
        self.name = name
        self.capacity = max(1, capacity)
        self.niceness = niceness
        self.retryAfter = retryAfter
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    /// Requests waiting or running now.
    public var depth: Int { pending.load(ordering: .relaxed) }

    /// Runs `body` on one of the queue's threads. Throws `QueueFull` at once when the queue is
    /// full, and `DeadlineExceeded` without running `body` when it has waited past
    /// `deadline`: work refused before it starts has changed nothing.
    public func run<T: Sendable>(deadline: Deadline, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard pending.add(1, ordering: .relaxed).newValue <= capacity else {
            pending.subtract(1, ordering: .relaxed)
            throw QueueFull(queue: name, capacity: capacity, retryAfter: retryAfter)
        }
        defer { pending.subtract(1, ordering: .relaxed) }
        let niceness = self.niceness
        return try await pool.runIfActive {
            try deadline.check()
            if niceness != 0 {
                // Linux keeps a nice value per thread, and `who` 0 means the calling thread:
                // this one runs at lower priority, the search threads stay at normal priority.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
            }
            return try body()
        }
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
