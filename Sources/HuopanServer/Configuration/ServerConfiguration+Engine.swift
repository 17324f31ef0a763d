import Foundation
import HuopanEngine
import HuopanIndex

extension ServerConfiguration {
    /// The engine this configuration describes. Every path comes from the configuration;
    /// a required one that is not set, or that does not exist, is an error naming it (the
    /// server refuses to start rather than run without its lexicon).
    public func engineConfiguration() throws -> EngineConfiguration {
        func required(_ value: String?, _ key: String, _ env: String, _ what: String) throws -> URL {
            guard let value, !value.isEmpty else {
                throw ConfigurationError("\(key) is not set: point it (or \(env)) at \(what)")
            }
            return URL(fileURLWithPath: value)
        }
        let lexicon = try required(
            lexiconDir, "lexicon_dir", "HUOPAN_LEXICON_DIR", "the lexicon directory (Corpora/lexicon in the repository)")
        let synonyms = try required(
            synonymsFile, "synonyms_file", "HUOPAN_SYNONYMS_FILE", "the synonyms file (Corpora/synonyms.txt in the repository)")
        let profiles = try required(
            profilesDir, "profiles_dir", "HUOPAN_PROFILES_DIR", "the profiles directory (Corpora/profiles in the repository)")
        let index: EngineConfiguration.IndexLocation
        if let shards {
            index = .remote(ShardTopology(parsing: shards, onShardLoss: ShardTopology.OnShardLoss(rawValue: onShardLoss) ?? .partial))
        } else {
            index = .local(URL(fileURLWithPath: db))
        }
        var engine = EngineConfiguration(
            index: index, lexiconDirectory: lexicon, synonymsFile: synonyms, profilesDirectory: profiles,
            judgmentsDirectory: judgmentsDir.map { URL(fileURLWithPath: $0) },
            stateDirectory: URL(fileURLWithPath: stateDir), dataRoot: URL(fileURLWithPath: dataRoot),
            bootstrapCatalog: bootstrapCatalog.map { URL(fileURLWithPath: $0) })
        engine.maintenance.maxUpsertOffers = maxUpsertOffers
        engine.maintenance.maxRejectedShare = maxRejectedShare
        engine.maintenance.commitInterval = commitIntervalSeconds
        engine.maintenance.writeQueue = writeQueue
        engine.resultCache = ResultCache.Limits(bytes: resultCacheMB << 20, seconds: resultCacheSeconds)
        do {
            try engine.validate()
        } catch let e as EngineConfigurationError {
            throw ConfigurationError(e.description)
        }
        return engine
    }
}
