import Hummingbird

struct DeadlineExceeded: Error {}

/// A per-request deadline: past it the client gets a 503 while the abandoned
/// work finishes on its worker thread (Xapian calls cannot be interrupted).
struct DeadlineMiddleware<Context: RequestContext>: RouterMiddleware {
    let seconds: Double
    /// Paths with their own, longer deadline (offline evaluation runs hundreds of queries).
    var overrides: [String: Double] = [:]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let seconds = overrides[request.uri.path] ?? self.seconds
        return try await withoutActuallyEscaping(next) { next in
            let unsafeNext = UnsafeTransfer(next)
            let unsafeRequest = UnsafeTransfer(request)
            let unsafeContext = UnsafeTransfer(context)
            return try await withThrowingTaskGroup(of: UnsafeTransfer<Response>.self) { group in
                group.addTask { UnsafeTransfer(try await unsafeNext.value(unsafeRequest.value, unsafeContext.value)) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    throw DeadlineExceeded()
                }
                defer { group.cancelAll() }
                return try await group.next()!.value
            }
        }
    }
}

/// Carries a non-Sendable value into a child task of the same request. The
/// request, its context and the handler are only used by the first child; the
/// other child never touches them.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
