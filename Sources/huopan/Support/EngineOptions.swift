import ArgumentParser
import Foundation
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText
import Logging

/// The options every command that searches shares, and the engine they describe. Paths
/// left out default to the checkout's `Corpora/` when the command runs inside it.
struct EngineOptions: ParsableArguments {
    @Option(help: "Index directory.") var db: String?
    @Option(help: "Remote shards instead of --db: host:port|host:port;host:port.") var shards: String?
    @Option(help: "Lexicon directory (default: Corpora/lexicon).") var lexiconDir: String?
    @Option(help: "Synonyms file (default: Corpora/synonyms.txt).") var synonymsFile: String?
    @Option(help: "Directory of committed ranking profiles (default: Corpora/profiles).") var profiles: String?
    @Option(help: "A server's state directory: rank with the profiles published there (read only).") var stateDir: String?
    @Option(help: "The day that counts as today for freshness, YYYY-MM-DD (default: now).") var asOf: String?

    static func path(_ given: String?, _ relative: String, _ option: String) throws -> URL {
        guard let p = given ?? CorporaDefaults.path(relative) else {
            throw CLIError("\(option) is needed (no Corpora/\(relative) found from here to default to)")
        }
        return URL(fileURLWithPath: p)
    }

    func configuration() throws -> EngineConfiguration {
        let index: EngineConfiguration.IndexLocation
        if let shards {
            index = .remote(ShardTopology(parsing: shards))
        } else if let db {
            index = .local(URL(fileURLWithPath: db))
        } else {
            throw CLIError("--db is needed: the index directory to search")
        }
        var c = EngineConfiguration(
            index: index,
            lexiconDirectory: try Self.path(lexiconDir, "lexicon", "--lexicon-dir"),
            synonymsFile: try Self.path(synonymsFile, "synonyms.txt", "--synonyms-file"),
            profilesDirectory: try Self.path(profiles, "profiles", "--profiles"))
        c.readOnlyState = stateDir.map { URL(fileURLWithPath: $0) }
        // The CLI only reads: a server may hold the index's write lock.
        c.writable = false
        return c
    }

    /// The engine, or a one-line error naming what is missing. `change` adjusts the
    /// configuration first (a benchmark turning expansion off).
    func engine(_ change: (inout EngineConfiguration) -> Void = { _ in }) throws -> Engine {
        var logger = Logger(label: "huopan")
        logger.logLevel = .warning
        var c = try configuration()
        change(&c)
        do {
            return try Engine.open(c, logger: logger)
        } catch let e as EngineConfigurationError {
            throw CLIError(e.description)
        }
    }

    /// The profiles in force, without opening an index: a server's published ones with
    /// `--state-dir`, else the committed ones.
    func profileSet() throws -> ProfileSet {
        let seed = try ProfileSet.load(directory: try Self.path(profiles, "profiles", "--profiles"))
        guard let stateDir else { return seed }
        return try ProfileStore(reading: URL(fileURLWithPath: stateDir).appendingPathComponent(ProfileStore.historyFileName), seed: seed)
            .current
    }
}

/// The lexicon option of commands that analyse text without searching (index, benchmarks).
struct LexiconOptions: ParsableArguments {
    @Option(help: "Lexicon directory (default: Corpora/lexicon).") var lexiconDir: String?

    func lexicon() throws -> Lexicon {
        try Analyzer.loadLexicon(directory: try EngineOptions.path(lexiconDir, "lexicon", "--lexicon-dir"))
    }
}
