import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HuopanCorpus
import HuopanServer
import HuopanTestSupport
import Logging
import NIOCore
import ServiceLifecycle

/// A real server over a real index in a temporary directory, on 127.0.0.1 and a free port.
struct TestServer {
    static let token = "test-admin-token"
    static let operatorToken = "test-operator-token"
    let directory: TemporaryDirectory
    let service: HuopanService

    /// `offers` generated offers are written to `data/catalog.jsonl` and indexed at start.
    static func make(
        offers: Int = 1_500, adminToken: String? = token, timeout: Double = 10,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) throws -> TestServer {
        let dir = TemporaryDirectory("server")
        let data = dir.path("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Fixtures.generator(offers: offers, seed: 77).write(catalog: data.appendingPathComponent("catalog.jsonl"), truth: nil)
        var config = ServerConfiguration()
        config.host = "127.0.0.1"
        config.port = 0
        config.db = dir.path("index").path
        config.bootstrapCatalog = data.appendingPathComponent("catalog.jsonl").path
        config.dataRoot = data.path
        config.stateDir = dir.path("state").path
        config.profilesDir = Fixtures.corpora.appendingPathComponent("profiles").path
        config.lexiconDir = Fixtures.corpora.appendingPathComponent("lexicon").path
        config.synonymsFile = Fixtures.synonyms.path
        config.judgmentsDir = Fixtures.corpora.appendingPathComponent("judgments").path
        config.requestTimeoutSeconds = timeout
        config.maxJSONBytes = 64 * 1024
        config.maxBodyBytes = 8 * 1024 * 1024
        if let adminToken {
            config.adminTokens = ["alice": adminToken]
            config.operatorTokens = ["olga": operatorToken]
        }
        configure(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return TestServer(directory: dir, service: try HuopanService.open(config, logger: logger))
    }

    func run<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        // The application the server runs, on a free port.
        try await buildApplication(service: service, port: 0).test(.live, body)
    }

    /// Runs the application exactly as `huopan serve` does (HummingbirdTesting's live
    /// framework rebuilds the configuration and drops the connection cap) and gives `body`
    /// its port.
    func serve<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(service: service, port: 0) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run(); return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            do {
                let value = try await body(port)
                await group.triggerGracefulShutdown()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, ndjson: String? = nil,
        token: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json { headers[.contentType] = "application/json"; body = ByteBuffer(string: json) }
        if let ndjson { headers[.contentType] = "application/x-ndjson"; body = ByteBuffer(string: ndjson) }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))) as? [String: Any] ?? [:]
    }

    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var text: String { String(buffer: body) }
}

/// Percent-encodes a query string value.
func q(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
