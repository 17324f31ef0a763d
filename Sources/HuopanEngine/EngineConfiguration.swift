import Foundation
import HuopanIndex

/// Every file the engine reads and every limit it keeps, in one place. Nothing in the
/// engine looks for a file by itself: the server fills this from its configuration, the
/// CLI from its options (and, for defaults only, from the checkout's `Corpora/`).
public struct EngineConfiguration: Sendable {
    public enum IndexLocation: Sendable {
        /// An index directory of generations (one or several local shards).
        case local(URL)
        /// Shards served by `xapian-tcpsrv`; the engine then only reads.
        case remote(ShardTopology)
    }

    public var index: IndexLocation
    /// The domain lexicon (`*.txt`, the file name is the tag).
    public var lexiconDirectory: URL
    /// Synonym groups; nil for none.
    public var synonymsFile: URL?
    /// The committed profiles that seed the profile history (`default.json` among them).
    public var profilesDirectory: URL
    /// Judged query sets (`NAME.queries.tsv` + `NAME.qrels`) for evaluation; nil for none.
    public var judgmentsDirectory: URL?
    /// Profile history and other state; nil keeps profiles in memory (CLI, tests).
    public var stateDirectory: URL?
    /// Another process's state directory whose published profiles are read, never written
    /// (the CLI ranking with what a server published).
    public var readOnlyState: URL?
    /// Whether the engine takes the index's write lock (writes, rebuilds). A CLI that only
    /// searches must not: a server may hold it.
    public var writable = true
    /// Catalog paths of a rebuild are relative to this directory and must stay inside it.
    public var dataRoot: URL
    /// A catalog to build the index from when `index` holds none yet.
    public var bootstrapCatalog: URL?
    /// Queries expanded with synonyms and pinyin (off only to measure what they add).
    public var expansion = true
    public var maintenance = IndexMaintenance.Limits()
    /// Memory and age bounds of the search result cache (`bytes` 0: off).
    public var resultCache = ResultCache.Limits()

    public init(
        index: IndexLocation, lexiconDirectory: URL, synonymsFile: URL?, profilesDirectory: URL,
        judgmentsDirectory: URL? = nil, stateDirectory: URL? = nil, dataRoot: URL? = nil, bootstrapCatalog: URL? = nil
    ) {
        self.index = index
        self.lexiconDirectory = lexiconDirectory
        self.synonymsFile = synonymsFile
        self.profilesDirectory = profilesDirectory
        self.judgmentsDirectory = judgmentsDirectory
        self.stateDirectory = stateDirectory
        self.dataRoot = dataRoot ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.bootstrapCatalog = bootstrapCatalog
    }

    /// Every file and directory named here exists; the error names the first one missing.
    public func validate() throws {
        let fm = FileManager.default
        func exists(_ url: URL, directory: Bool, _ what: String) throws {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue == directory else {
                throw EngineConfigurationError("\(what) \(url.path) does not exist" + (directory ? " or is not a directory" : ""))
            }
        }
        try exists(lexiconDirectory, directory: true, "the lexicon directory (lexicon_dir)")
        if let synonymsFile { try exists(synonymsFile, directory: false, "the synonyms file (synonyms_file)") }
        try exists(profilesDirectory, directory: true, "the profiles directory (profiles_dir)")
        if let judgmentsDirectory { try exists(judgmentsDirectory, directory: true, "the judgments directory (judgments_dir)") }
        if let bootstrapCatalog, case .local(let root) = index, !fm.fileExists(atPath: root.appendingPathComponent("current").path) {
            try exists(bootstrapCatalog, directory: false, "the bootstrap catalog (bootstrap_catalog)")
        }
    }
}

public struct EngineConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}
