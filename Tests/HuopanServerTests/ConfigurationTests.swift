import Foundation
import HuopanServer
import HuopanTestSupport
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsWork() throws {
        let c = try ServerConfiguration.load(file: nil, environment: [:])
        #expect(c.port == 8080 && c.db == "var/index" && c.bootstrapCatalog == nil && c.dataRoot == ".")
        #expect(c.adminTokens.isEmpty)
    }

    /// The server reads every file from its configuration: with a path missing or wrong it
    /// refuses to start, naming the path, instead of running without it.
    @Test func everyEnginePathIsRequiredAndChecked() throws {
        var c = try ServerConfiguration.load(file: nil, environment: [:])
        let e = #expect(throws: ConfigurationError.self) { try c.engineConfiguration() }
        #expect(e?.description.hasPrefix("lexicon_dir is not set") == true, "\(String(describing: e))")
        c = try ServerConfiguration.load(
            file: nil,
            environment: [
                "HUOPAN_LEXICON_DIR": Fixtures.corpora.appendingPathComponent("lexicon").path,
                "HUOPAN_SYNONYMS_FILE": "/nonexistent/synonyms.txt",
                "HUOPAN_PROFILES_DIR": Fixtures.corpora.appendingPathComponent("profiles").path,
            ])
        let missing = #expect(throws: ConfigurationError.self) { try c.engineConfiguration() }
        #expect(
            missing?.description.contains("synonyms_file") == true && missing?.description.contains("/nonexistent/synonyms.txt") == true)
        c.synonymsFile = Fixtures.synonyms.path
        let engine = try c.engineConfiguration()
        #expect(engine.lexiconDirectory.path.hasSuffix("Corpora/lexicon") && engine.judgmentsDirectory == nil)
    }

    @Test func fileThenEnvironment() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("huopan.json")
        try Data(#"{"port": 9000, "db": "/data/index", "admin_tokens": {"ops": "ops-token-1234"}, "request_timeout_seconds": 2}"#.utf8)
            .write(to: file)
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
        let level = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: nil, environment: ["HUOPAN_LOG_LEVEL": "verbose"])
        }
        #expect(level?.description.contains("log_level must be one of trace, debug, info") == true)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: dir.path("missing.json").path, environment: [:]) }
    }
}
