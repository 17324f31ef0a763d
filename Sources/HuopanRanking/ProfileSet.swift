import Foundation
import HuopanCatalog
import HuopanText

/// The profiles in force, and how a request picks one: by name when it names
/// one; otherwise the most specific profile for its (intent, channel): both
/// match, then intent only, then channel only, then `default`.
public struct ProfileSet: Sendable, Hashable {
    public private(set) var profiles: [String: RankingProfile]

    public init(_ profiles: [RankingProfile]) {
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }

    public static let defaultName = "default"

    public func profile(named name: String) -> RankingProfile? { profiles[name] }

    public func resolve(intent: BuyerIntent?, channel: String?, target: RankingProfile.Target = .offers) -> RankingProfile? {
        let all = profiles.values.filter { $0.target == target }.sorted { $0.name < $1.name }
        if let intent, let channel, let p = all.first(where: { $0.intent == intent && $0.channel == channel }) { return p }
        if let intent, let p = all.first(where: { $0.intent == intent && $0.channel == nil }) { return p }
        if let channel, let p = all.first(where: { $0.channel == channel && $0.intent == nil }) { return p }
        let fallback = target == .offers ? Self.defaultName : Self.supplierDefaultName
        return profiles[fallback] ?? all.first
    }

    public static let supplierDefaultName = "suppliers_default"

    public mutating func set(_ profile: RankingProfile) { profiles[profile.name] = profile }

    /// Loads every `*.json` in `directory`; a bad file fails the load with its name and field.
    public static func load(directory: URL) throws -> ProfileSet {
        let fm = FileManager.default
        let files = try fm.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        var profiles: [RankingProfile] = []
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            do {
                let p = try RankingProfile.decode(data)
                guard p.name + ".json" == file else {
                    throw ProfileError.invalid(
                        FieldIssue(field: "name", reason: "\"\(p.name)\" must match its file name \(file)"), file: file)
                }
                profiles.append(p)
            } catch let issue as FieldIssue {
                throw ProfileError.invalid(issue, file: file)
            }
        }
        guard profiles.contains(where: { $0.name == defaultName }) else {
            throw ProfileError.missingDefault(directory.path)
        }
        return ProfileSet(profiles)
    }

}

public enum ProfileError: Error, CustomStringConvertible, Sendable {
    case invalid(FieldIssue, file: String)
    case missingDefault(String)
    case unknown(String)

    public var description: String {
        switch self {
        case .invalid(let issue, let file): "profile \(file): \(issue)"
        case .missingDefault(let dir): "no default.json profile in \(dir)"
        case .unknown(let name): "unknown profile \"\(name)\""
        }
    }
}
