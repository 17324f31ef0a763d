import Foundation
import Hummingbird
import Logging

/// The router with every route and middleware, over an open service.
public func buildRouter(service: HuopanService) -> Router<BasicRequestContext> {
    let router = Router()
    let auth = AdminAuth(tokens: service.configuration.adminTokens)
    router.add(middleware: MetricsRecorder(metrics: service.metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: DeadlineMiddleware(seconds: service.configuration.requestTimeoutSeconds,
                                              overrides: ["/v1/eval": max(60, service.configuration.requestTimeoutSeconds)]))
    SearchRoutes(service: service).register(router)
    OfferRoutes(service: service, auth: auth).register(router)
    ReindexRoutes(service: service, auth: auth).register(router)
    ProfileRoutes(service: service, auth: auth).register(router)
    EvalRoutes(service: service).register(router)
    HealthRoutes(service: service).register(router)
    ConsoleRoutes().register(router)
    return router
}

/// The Hummingbird application serving `service` on the configured host and port.
public func buildApplication(service: HuopanService) -> some ApplicationProtocol {
    var logger = Logger(label: "huopan")
    logger.logLevel = Logger.Level(rawValue: service.configuration.logLevel) ?? .info
    return Application(
        router: buildRouter(service: service),
        configuration: .init(address: .hostname(service.configuration.host, port: service.configuration.port), serverName: "huopan"),
        logger: logger)
}
