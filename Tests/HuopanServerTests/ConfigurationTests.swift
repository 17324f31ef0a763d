import Foundation
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsWork() throws {
        let c = try ServerConfiguration.load(file: nil, environment: [:])
        #expect(c.port == 8080 && c.db == "var/index" && c.bootstrapCatalog == "Corpora/sample/offers.jsonl")
        #expect(c.adminTokens.isEmpty)
    }

    @Test func fileThenEnvironment() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("huopan.json")
        try Data(#"{"port": 9000, "db": "/data/index", "admin_tokens": {"ops": "ops-token-1234"}, "request_timeout_seconds": 2}"#.utf8).write(to: file)
        let c = try ServerConfiguration.load(file: file.path, environment: ["HUOPAN_PORT": "9100", "HUOPAN_ADMIN_TOKEN": "env-token-5678"])
        #expect(c.port == 9100)
        #expect(c.db == "/data/index")
        #expect(c.adminTokens == ["ops": "ops-token-1234", "admin": "env-token-5678"])
        #expect(c.requestTimeoutSeconds == 2)
    }

    @Test func mistakesAreNamed() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("bad.json")
        try Data(#"{"prot": 9000}"#.utf8).write(to: file)
        let e = #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: file.path, environment: [:]) }
        #expect(e?.description.contains("prot: unknown field") == true)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: nil, environment: ["HUOPAN_PORT": "eighty"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: nil, environment: ["HUOPAN_PORT": "70000"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: nil, environment: ["HUOPAN_ADMIN_TOKEN": "short"]) }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: dir.path("missing.json").path, environment: [:]) }
    }
}
