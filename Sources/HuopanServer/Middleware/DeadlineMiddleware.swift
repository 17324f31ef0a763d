import Hummingbird
import HuopanIndex

/// Gives each request of a route group its deadline: `seconds` after it arrived. The
/// work itself stops there (the matcher, rescoring, queues and body reads check it) and
/// the client gets a 503; nothing runs on for an answer nobody waits for.
struct DeadlineMiddleware: RouterMiddleware {
    typealias Context = HuopanRequestContext
    let seconds: Double

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.deadline = .after(seconds: seconds)
        return try await next(request, context)
    }
}
