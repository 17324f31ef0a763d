import Hummingbird

/// Protects a route group: every route added to the group needs a bearer token whose
/// role allows `role`, so no handler can forget the check.
struct RoleAuthMiddleware: RouterMiddleware {
    typealias Context = HuopanRequestContext
    let role: Role
    let tokens: TokenRing

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.identity = try tokens.authenticate(request, for: role)
        return try await next(request, context)
    }
}
