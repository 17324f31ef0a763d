import Foundation

/// Runs long synchronous work (a simulation, a tuning run) on a thread of its own and
/// awaits it. A synchronous test body would hold one of the concurrency pool's threads (two
/// on a 2-core machine) for its whole run and starve the HTTP servers of the tests running
/// beside it.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
