import Foundation

/// What a built index generation contains; written last, so a generation
/// without a manifest is incomplete and never served.
public struct IndexManifest: Codable, Sendable, Hashable {
    public var generation: Int
    /// Shard database directories, relative to the generation directory.
    public var shards: [String]
    public var createdAt: String
    public var offers: Int
    public var rejected: Int
    public var schemaVersion: Int
    public var lexiconFingerprint: String
    public var source: String?
    /// How the build numbered the offers: `quality` (`qualityOrder`) when best static quality
    /// first (`OfferStats.qualityPrior`), which lets a head query walk only the best part of
    /// each shard. nil for an index numbered in catalog order: searched whole. Offers added
    /// later take the next docids, and a replaced offer keeps its docid, until the next build.
    public var docidOrder: String?

    public static let qualityOrder = "quality"

    enum CodingKeys: String, CodingKey {
        case generation, shards, createdAt = "created_at", offers, rejected
        case schemaVersion = "schema_version", lexiconFingerprint = "lexicon_fingerprint", source
        case docidOrder = "docid_order"
    }
}

/// The index directory:
///
///     DIR/current -> gen-00000003        symlink, replaced atomically by rename(2)
///     DIR/gen-00000003/manifest.json
///     DIR/gen-00000003/shard-000/        Xapian databases
///     DIR/gen-00000003/index.stub        Xapian stub listing the shards (for xapian-delve & co.)
///
/// Readers follow `current`; a build writes a new generation beside it and
/// switches the link only once the generation is complete, so a reader never
/// sees a half-built index and a crash mid-build leaves the old one serving.
public struct IndexLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var currentLink: URL { root.appendingPathComponent("current") }

    public static func generationName(_ n: Int) -> String { String(format: "gen-%08d", n) }

    /// The generation `current` points to, with its manifest.
    public func current() throws -> (directory: URL, manifest: IndexManifest) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: root.path) else { throw IndexError.missing(root.path) }
        guard let target = try? fm.destinationOfSymbolicLink(atPath: currentLink.path) else {
            throw IndexError.missing(root.path + " (no current generation; build one with `huopan index`)")
        }
        let dir = root.appendingPathComponent(target)
        return (dir, try Self.readManifest(dir))
    }

    public static func readManifest(_ generation: URL) throws -> IndexManifest {
        let url = generation.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url) else { throw IndexError.corrupt("\(url.path) is missing or unreadable") }
        do {
            return try JSONDecoder().decode(IndexManifest.self, from: data)
        } catch {
            throw IndexError.corrupt("\(url.path): \(error)")
        }
    }

    /// Creates the directory for the next generation.
    public func newGeneration() throws -> (number: Int, directory: URL) {
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let existing = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        let next = (existing.compactMap { $0.hasPrefix("gen-") ? Int($0.dropFirst(4)) : nil }.max() ?? 0) + 1
        let dir = root.appendingPathComponent(Self.generationName(next))
        try fm.createDirectory(at: dir, withIntermediateDirectories: false)
        return (next, dir)
    }

    /// Writes the manifest and stub of a finished generation, then points `current` at it.
    public func publish(_ directory: URL, manifest: IndexManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let stub = manifest.shards.map { "auto \($0)" }.joined(separator: "\n") + "\n"
        try Data(stub.utf8).write(to: directory.appendingPathComponent("index.stub"), options: .atomic)
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("manifest.json"), options: .atomic)
        try Self.fsync(directory)
        try switchCurrent(to: directory.lastPathComponent)
    }

    /// Atomically repoints `current` (symlink to a temporary name, then rename over).
    public func switchCurrent(to name: String) throws {
        let tmp = root.appendingPathComponent("current.tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createSymbolicLink(atPath: tmp.path, withDestinationPath: name)
        guard rename(tmp.path, currentLink.path) == 0 else {
            throw IndexError.io("cannot switch \(currentLink.path): \(String(cString: strerror(errno)))")
        }
        try Self.fsync(root)
    }

    /// Removes generations other than the current one and the `keep - 1` newest
    /// older ones, including incomplete generations left by an interrupted build.
    public func removeOldGenerations(keep: Int = 2) {
        let fm = FileManager.default
        guard let current = try? fm.destinationOfSymbolicLink(atPath: currentLink.path),
            let names = try? fm.contentsOfDirectory(atPath: root.path)
        else { return }
        let gens = names.filter { $0.hasPrefix("gen-") }.sorted()
        let currentNumber = Int(current.dropFirst(4)) ?? 0
        var kept = 0
        for name in gens.reversed() {
            let number = Int(name.dropFirst(4)) ?? 0
            if name == current { continue }
            let complete = fm.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent("manifest.json").path)
            if number < currentNumber, complete, kept < keep - 1 { kept += 1; continue }
            if number > currentNumber, complete { continue }  // a finished build about to be switched to
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
    }

    /// Generations newer than `current` without a manifest: leftovers of a build that did not finish.
    public func incompleteGenerations() -> [URL] {
        let fm = FileManager.default
        let current = (try? fm.destinationOfSymbolicLink(atPath: currentLink.path)).flatMap { Int($0.dropFirst(4)) } ?? 0
        return ((try? fm.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasPrefix("gen-") && (Int($0.dropFirst(4)) ?? 0) > current }
            .map { root.appendingPathComponent($0) }
            .filter { !fm.fileExists(atPath: $0.appendingPathComponent("manifest.json").path) }
    }

    static func fsync(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw IndexError.io("cannot open \(url.path) to sync") }
        defer { close(fd) }
        _ = Foundation.fsync(fd)
    }

    /// Total bytes under `url`.
    public static func diskUsage(_ url: URL) -> Int {
        guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total = 0
        for case let file as URL in e {
            total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}

public enum IndexError: Error, CustomStringConvertible, Sendable {
    case missing(String)
    case corrupt(String)
    case io(String)
    case busy(String)

    public var description: String {
        switch self {
        case .missing(let s): "no index at \(s)"
        case .corrupt(let s): "index is damaged: \(s)"
        case .io(let s): s
        case .busy(let s): s
        }
    }
}
