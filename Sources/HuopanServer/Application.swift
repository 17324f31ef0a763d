import Foundation
import Hummingbird
import HuopanEngine
import Logging
import NIOCore

/// The route groups every route is registered on. Authentication and deadlines are
/// middleware of the group, so a route is protected by the group it is added to and no
/// handler can forget a check.
struct RouteGroups {
    /// Search and reading: no token, the request deadline.
    let open: RouterGroup<HuopanRequestContext>
    /// Read-only operator work (previews, job details, history): operator token.
    let operators: RouterGroup<HuopanRequestContext>
    /// Evaluation: operator token, its own longer deadline.
    let evaluation: RouterGroup<HuopanRequestContext>
    /// Changes to the index, the profiles, the synonyms: admin token; the deadline is how
    /// long a write may wait to start.
    let admin: RouterGroup<HuopanRequestContext>
    /// Behaviour events: ingest token (or admin), the request deadline.
    let ingest: RouterGroup<HuopanRequestContext>
}

/// The router with every route and middleware, over an open service.
public func buildRouter(service: HuopanService) -> Router<HuopanRequestContext> {
    let router = Router(context: HuopanRequestContext.self)
    let c = service.configuration
    let tokens = TokenRing(c)
    if !c.corsOrigins.isEmpty { router.add(middleware: CORSMiddleware(origins: Set(c.corsOrigins))) }
    router.add(middleware: MetricsRecorder(metrics: service.metrics))
    router.add(middleware: ErrorMiddleware())
    let groups = RouteGroups(
        open: router.group().add(middleware: DeadlineMiddleware(seconds: c.requestTimeoutSeconds)),
        operators: router.group()
            .add(middleware: RoleAuthMiddleware(role: .operator, tokens: tokens))
            .add(middleware: DeadlineMiddleware(seconds: c.requestTimeoutSeconds)),
        evaluation: router.group()
            .add(middleware: RoleAuthMiddleware(role: .operator, tokens: tokens))
            .add(middleware: DeadlineMiddleware(seconds: c.evalTimeoutSeconds)),
        admin: router.group()
            .add(middleware: RoleAuthMiddleware(role: .admin, tokens: tokens))
            .add(middleware: DeadlineMiddleware(seconds: c.writeTimeoutSeconds)),
        ingest: router.group()
            .add(middleware: RoleAuthMiddleware(role: .ingest, tokens: tokens))
            .add(middleware: DeadlineMiddleware(seconds: c.requestTimeoutSeconds)))
    SearchRoutes(service: service).register(groups)
    OfferRoutes(service: service).register(groups)
    ReindexRoutes(service: service).register(groups)
    ProfileRoutes(service: service).register(groups)
    PreviewRoutes(service: service).register(groups)
    SynonymRoutes(service: service).register(groups)
    FeatureRoutes().register(groups)
    SchemaRoutes(service: service).register(groups)
    EvalRoutes(service: service).register(groups)
    BehaviourRoutes(service: service).register(groups)
    ExperimentRoutes(service: service).register(groups)
    HealthRoutes(service: service).register(groups)
    ConsoleRoutes().register(groups)
    return router
}

/// The Hummingbird application serving `service`: its router, the idle timeout (which
/// also closes connections that never finish their header) and the connection cap.
public func buildApplication(
    service: HuopanService, port: Int? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = Logger(label: "huopan")
    logger.logLevel = Logger.Level(rawValue: service.configuration.logLevel) ?? .info
    let c = service.configuration
    return Application(
        router: buildRouter(service: service),
        server: .http1AcceptingUTF8URLs(configuration: .init(idleTimeout: .milliseconds(Int64(c.idleTimeoutSeconds * 1000)))),
        configuration: .init(
            address: .hostname(c.host, port: port ?? c.port), serverName: "huopan",
            availableConnectionsDelegate: .maximum(c.maxConnections, logger: logger)),
        onServerRunning: onServerRunning,
        logger: logger)
}
