import Foundation

/// Runs long synchronous work (a simulation, a tuning run) on a thread of its own, at the
/// lowest CPU priority, and awaits it. A synchronous test body would hold one of the
/// concurrency pool's threads (two on a 2-core machine) for its whole run, and at normal
/// priority it would still take the CPU from the HTTP servers of the tests running beside it,
/// whose requests have deadlines.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            // Linux keeps a nice value per thread; `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
