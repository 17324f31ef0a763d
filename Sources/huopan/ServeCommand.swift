import ArgumentParser
import Foundation
import Hummingbird
import HuopanIndex
import HuopanServer
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API (search, offers, reindex, profiles, metrics).",
        discussion: "Admin endpoints need HUOPAN_ADMIN_TOKEN (or admin_tokens in the configuration file).")

    @Option(help: "Index directory (built from the sample catalog when empty).") var db: String?
    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Option(help: "JSON configuration file (also HUOPAN_CONFIG).") var config: String?

    func run() async throws {
        var configuration = try ServerConfiguration.load(file: config)
        if let db { configuration.db = db }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        // Paths left unset default to the checkout's Corpora/ when the server runs inside one;
        // the server itself reads only what its configuration names.
        configuration.lexiconDir = configuration.lexiconDir ?? CorporaDefaults.path("lexicon")
        configuration.synonymsFile = configuration.synonymsFile ?? CorporaDefaults.path("synonyms.txt")
        configuration.profilesDir = configuration.profilesDir ?? CorporaDefaults.path("profiles")
        configuration.judgmentsDir = configuration.judgmentsDir ?? CorporaDefaults.path("judgments")
        configuration.bootstrapCatalog = configuration.bootstrapCatalog ?? CorporaDefaults.path("sample/offers.jsonl")
        try configuration.validate()
        var logger = Logger(label: "huopan")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let service = try HuopanService.open(configuration, logger: logger)
        let app = buildApplication(service: service)
        let url = "http://\(configuration.host):\(configuration.port)"
        let documents = try service.engine.index.documentCount()
        logger.info("serving \(documents) offers at \(url)")
        print(
            """
            Huopan is serving \(url)
              curl '\(url)/v1/search?q=%E8%BF%9E%E8%A1%A3%E8%A3%99&size=3'      # 连衣裙
              curl -s '\(url)/v1/search?q=保温杯+1000个&explain=true'
              curl '\(url)/openapi.yaml'
            """ + (configuration.adminTokens.isEmpty ? "\n  (admin endpoints disabled: set HUOPAN_ADMIN_TOKEN to enable them)" : ""))
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        // In-flight requests have finished; commit pending writes and release the index lock.
        await service.shutdown()
        logger.info("stopped")
    }
}
