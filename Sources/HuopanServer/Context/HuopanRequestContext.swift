import Hummingbird
import HuopanIndex

/// What one request carries besides Hummingbird's own context: its deadline (set by
/// `DeadlineMiddleware`) and who it authenticated as (set by `RoleAuthMiddleware` on the
/// protected route groups).
public struct HuopanRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// When the request's work must stop; every route group sets one.
    public var deadline = Deadline.none
    /// The token's owner, on routes that need one.
    public var identity: Identity?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The authenticated name, for audit trails ("anonymous" on public routes).
    public var author: String { identity?.name ?? "anonymous" }
}
