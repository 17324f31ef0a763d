import Foundation
import HuopanCatalog
import HuopanStorage
import Synchronization

/// One version of a profile in the audit history.
public struct ProfileVersion: Codable, Sendable, Hashable {
    public enum Action: String, Codable, Sendable {
        /// Loaded from the committed profiles (`Corpora/profiles`).
        case seed
        case publish
        case rollback
    }

    public var name: String
    public var version: Int
    public var action: Action
    /// Who made the change (the admin token's name).
    public var author: String
    /// ISO 8601 time of the change.
    public var at: String
    public var profile: RankingProfile
    /// For a rollback: the version whose content was restored.
    public var restoredVersion: Int?
    /// The experiment whose conclusion published this version.
    public var experiment: String?

    enum CodingKeys: String, CodingKey {
        case name, version, action, author, at, profile, restoredVersion = "restored_version", experiment
    }
}

public enum ProfileStoreError: Error, CustomStringConvertible, Sendable {
    case invalid(FieldIssue)
    case unknown(String)
    case noSuchVersion(String, Int)
    case nothingToRollBack(String)
    case io(String)
    case unknownExperiment(String)
    /// A change the experiments' state does not allow (a second experiment on a profile, a
    /// stopped experiment stopped again).
    case experimentConflict(String)

    public var description: String {
        switch self {
        case .invalid(let i): "\(i)"
        case .unknown(let n): "unknown profile \"\(n)\""
        case .noSuchVersion(let n, let v): "profile \"\(n)\" has no version \(v)"
        case .nothingToRollBack(let n): "profile \"\(n)\" has no earlier version to roll back to"
        case .io(let s): s
        case .unknownExperiment(let n): "unknown experiment \"\(n)\""
        case .experimentConflict(let s): s
        }
    }
}

/// Published ranking profiles with their full history. Every change is a new
/// version appended (and fsynced) to a JSONL history file before it is live,
/// so a change survives a crash and nothing is ever overwritten; a rollback is
/// itself a new version restoring an older one's content. Changes are visible
/// to the next search without a restart (`current` is read per request). Experiments
/// between profiles are started, stopped and concluded in the same history
/// (`ProfileStore+Experiments.swift`).
public final class ProfileStore: Sendable {
    struct State {
        var history: [String: [ProfileVersion]] = [:]
        var current = ProfileSet([])
        /// Versions this store has published (each publish or rollback adds one).
        var revision = 0
        /// Every experiment by name, as its last history entry left it.
        var experiments: [String: Experiment] = [:]
        /// Experiment names in the order they started.
        var experimentOrder: [String] = []
        var experimentEntries: [ExperimentEntry] = []

        mutating func apply(_ entry: ExperimentEntry) {
            let name = entry.experiment.name
            if experiments[name] == nil { experimentOrder.append(name) }
            experiments[name] = entry.experiment
            experimentEntries.append(entry)
        }

        /// A crash between publishing a winner and recording the conclusion leaves the
        /// publish: the experiment is then concluded all the same.
        mutating func settleInterruptedConclusions() {
            for versions in history.values {
                for v in versions where v.action == .publish {
                    guard let name = v.experiment, var e = experiments[name], e.status != .concluded else { continue }
                    e.status = .concluded
                    e.winner = .treatment
                    e.publishedVersion = v.version
                    e.endedAt = e.endedAt ?? v.at
                    experiments[name] = e
                }
            }
        }
    }

    let state: Mutex<State>
    let log: AppendOnlyLog?

    /// The history's file name in a state directory.
    public static let historyFileName = "profiles.history.jsonl"

    /// The profiles another process published, read from its history file and never
    /// written (a torn tail is ignored, not repaired); `seed` fills in profiles the history
    /// does not have. Publishing through this store changes memory only.
    public init(reading historyFile: URL, seed: ProfileSet) throws {
        var s = State()
        let data: Data
        do {
            data = try Data(contentsOf: historyFile)
        } catch {
            throw ProfileStoreError.io("cannot read the profile history \(historyFile.path): \(error.localizedDescription)")
        }
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        let complete = data.last == 0x0A ? lines[...] : lines.dropLast()
        for line in complete {
            if let v = try? JSONDecoder().decode(ProfileVersion.self, from: Data(line)) {
                s.history[v.name, default: []].append(v)
            } else if let e = try? JSONDecoder().decode(ExperimentEntry.self, from: Data(line)) {
                s.apply(e)
            }
        }
        s.settleInterruptedConclusions()
        for profile in seed.profiles.values where s.history[profile.name] == nil {
            s.history[profile.name] = [
                ProfileVersion(
                    name: profile.name, version: 1, action: .seed, author: "seed",
                    at: ISO8601DateFormatter().string(from: Date()), profile: profile, restoredVersion: nil, experiment: nil)
            ]
        }
        for (_, versions) in s.history { if let last = versions.last { s.current.set(last.profile) } }
        state = Mutex(s)
        log = nil
    }

    /// `seed` provides version 1 of every profile the history does not know yet.
    /// `historyFile` nil keeps everything in memory (CLI, tests). A torn last line (a crash
    /// mid-append) is cut off when the file is opened; any other unreadable line is an error
    /// naming it, since skipping it would silently drop a published version.
    public init(seed: ProfileSet, historyFile: URL?) throws {
        var s = State()
        if let historyFile {
            let log: AppendOnlyLog
            do {
                log = try AppendOnlyLog(url: historyFile)
            } catch {
                throw ProfileStoreError.io("\(error)")
            }
            let decoder = JSONDecoder()
            for (n, line) in try log.records().enumerated() {
                if let v = try? decoder.decode(ProfileVersion.self, from: line) {
                    s.history[v.name, default: []].append(v)
                } else if let e = try? decoder.decode(ExperimentEntry.self, from: line) {
                    s.apply(e)
                } else {
                    throw ProfileStoreError.io(
                        "\(historyFile.path):\(n + 1): neither a profile version nor an experiment entry; repair or remove the line")
                }
            }
            s.settleInterruptedConclusions()
            self.log = log
        } else {
            log = nil
        }
        state = Mutex(s)
        for profile in seed.profiles.values.sorted(by: { $0.name < $1.name }) where s.history[profile.name] == nil {
            _ = try append(name: profile.name, action: .seed, author: "seed", profile: profile, restored: nil)
        }
        state.withLock { s in
            for (_, versions) in s.history { if let last = versions.last { s.current.set(last.profile) } }
        }
    }

    /// The profiles in force now.
    public var current: ProfileSet { state.withLock { $0.current } }

    /// The profiles in force now and how many versions this store has published (every
    /// publish or rollback adds one, so a changed number means changed profiles).
    public var currentWithRevision: (profiles: ProfileSet, revision: Int) {
        state.withLock { s in (s.current, s.revision) }
    }

    public func history(_ name: String) -> [ProfileVersion] { state.withLock { $0.history[name] ?? [] } }

    public func latest(_ name: String) -> ProfileVersion? { state.withLock { $0.history[name]?.last } }

    public var names: [String] { state.withLock { $0.history.keys.sorted() } }

    /// Validates and publishes a new version of `profile`.
    public func publish(_ profile: RankingProfile, author: String) throws -> ProfileVersion {
        if let issue = profile.validate().first { throw ProfileStoreError.invalid(issue) }
        return try append(name: profile.name, action: .publish, author: author, profile: profile, restored: nil)
    }

    /// Publishes the content of `version` (default: the one before the current) as a new version.
    public func rollback(_ name: String, to version: Int? = nil, author: String) throws -> ProfileVersion {
        let versions = history(name)
        guard let current = versions.last else { throw ProfileStoreError.unknown(name) }
        let target: ProfileVersion
        if let version {
            guard let v = versions.first(where: { $0.version == version }) else { throw ProfileStoreError.noSuchVersion(name, version) }
            target = v
        } else {
            // The version whose content preceded the current content.
            guard let v = versions.dropLast().last(where: { $0.profile != current.profile }) else {
                throw ProfileStoreError.nothingToRollBack(name)
            }
            target = v
        }
        return try append(name: name, action: .rollback, author: author, profile: target.profile, restored: target.version)
    }

    private func append(
        name: String, action: ProfileVersion.Action, author: String, profile: RankingProfile, restored: Int?
    ) throws -> ProfileVersion {
        try state.withLock { s in
            if action != .seed { try refuseWhileExperimenting(s, name) }
            return try appendVersion(
                &s, name: name, action: action, author: author, profile: profile, restored: restored, experiment: nil)
        }
    }

    /// Writes one new version and puts it in force; the caller holds the lock.
    func appendVersion(
        _ s: inout State, name: String, action: ProfileVersion.Action, author: String, profile: RankingProfile, restored: Int?,
        experiment: String?
    ) throws -> ProfileVersion {
        let version = ProfileVersion(
            name: name, version: (s.history[name]?.last?.version ?? 0) + 1, action: action,
            author: author, at: Self.now(), profile: profile, restoredVersion: restored, experiment: experiment)
        try write(version)
        s.history[name, default: []].append(version)
        s.current.set(profile)
        s.revision += 1
        return version
    }

    /// Appends one record to the history file (fsynced) when the store has one.
    func write(_ record: some Encodable) throws {
        guard let log else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            try log.append(try encoder.encode(record))
        } catch {
            throw ProfileStoreError.io("\(error)")
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}
