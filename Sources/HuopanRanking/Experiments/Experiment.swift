import Foundation
import HuopanCatalog
import HuopanText

/// A live experiment between the profile in force (`control`) and a challenger
/// (`treatment`: another published profile, or a draft that is not published), run on a
/// share of the traffic. Two methods:
///
/// - **interleaving** (team-draft, `TeamDraft`): every search of a client in the experiment
///   shows one list mixing both rankings; the ranking whose picks get more clicks and deeper
///   actions wins that impression. Far fewer impressions than an A/B split tell the two
///   apart, because each buyer compares both rankings on the same query.
/// - **ab**: clients in the experiment are split in two halves, one ranked by each profile;
///   the arms are compared on credit per search.
///
/// Assignment is stable per client: a hash of the experiment's name and the client id
/// decides whether a client is in the share, and (A/B) in which half, so the same buyer
/// sees the same arm on every visit and another experiment draws its share independently.
public struct Experiment: Codable, Sendable, Hashable {
    public enum Method: String, Codable, Sendable, CaseIterable {
        case interleaving, ab
    }

    public enum Status: String, Codable, Sendable {
        case running, stopped, concluded
    }

    public var name: String
    public var method: Method
    /// The published profile under test: searches ranked by it are the experiment's traffic.
    public var control: String
    /// A published profile the control is tested against (the control itself for an A/A test).
    public var treatmentProfile: String?
    /// A draft the control is tested against (not published; ranked under `treatmentName`).
    public var treatmentDraft: RankingProfile?
    /// Share of clients in the experiment, 0 < share ≤ 1.
    public var share: Double
    public var status: Status
    public var startedAt: String
    public var startedBy: String
    public var endedAt: String?
    /// The arm a conclusion chose.
    public var winner: Arm?
    /// The control's version that published the treatment's weights, when the treatment won.
    public var publishedVersion: Int?

    public init(
        name: String, method: Method = .interleaving, control: String, treatmentProfile: String? = nil,
        treatmentDraft: RankingProfile? = nil, share: Double = 0.1, startedAt: String = "", startedBy: String = ""
    ) {
        self.name = name
        self.method = method
        self.control = control
        self.treatmentProfile = treatmentProfile
        self.treatmentDraft = treatmentDraft
        self.share = share
        self.status = .running
        self.startedAt = startedAt
        self.startedBy = startedBy
    }

    /// One side of an experiment.
    public enum Arm: String, Codable, Sendable, CaseIterable {
        case control, treatment
    }

    /// The name the treatment ranks under: its published profile's, or for a draft a name no
    /// published profile can have (profile names have no `:`), so cached answers never mix.
    public var treatmentName: String { treatmentProfile ?? "experiment:\(name)" }

    /// Problems with the definition itself (not with the store it goes into).
    public func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if name.range(of: "^[a-z0-9][a-z0-9_.-]{0,63}$", options: .regularExpression) == nil {
            issues.append(
                FieldIssue(field: "name", reason: "must be 1 to 64 characters of a-z, 0-9, _ . - (starting with a letter or digit)"))
        }
        if !(share > 0 && share <= 1) {
            issues.append(FieldIssue(field: "share", reason: "must be greater than 0 and at most 1"))
        }
        switch (treatmentProfile, treatmentDraft) {
        case (nil, nil), (.some, .some):
            issues.append(FieldIssue(field: "treatment", reason: "must be either a published profile's name or a draft profile"))
        case (nil, let draft?):
            issues += draft.validate().map { FieldIssue(field: "treatment.\($0.field)", reason: $0.reason) }
            if draft.target != .offers { issues.append(FieldIssue(field: "treatment.target", reason: "must rank offers")) }
        default: break
        }
        return issues
    }

    /// Where a client falls in this experiment; nil when it is outside the share.
    public func assignment(client: String) -> Assignment? {
        guard Self.unit(name, "share", client) < share else { return nil }
        switch method {
        case .interleaving:
            return .interleaved
        case .ab:
            return Self.unit(name, "arm", client) < 0.5 ? .arm(.control) : .arm(.treatment)
        }
    }

    public enum Assignment: Sendable, Hashable {
        case interleaved
        case arm(Arm)
    }

    /// A number in [0, 1) fixed by the parts: FNV-1a, then a SplitMix64 finaliser so that
    /// client ids differing in one trailing character land far apart.
    public static func unit(_ parts: String...) -> Double {
        var h = FNV1a()
        for p in parts {
            h.combine(p.utf8)
            h.combine(0x1F)
        }
        var z = h.value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    enum CodingKeys: String, CodingKey {
        case name, method, control, treatmentProfile = "treatment_profile", treatmentDraft = "treatment_draft", share, status
        case startedAt = "started_at", startedBy = "started_by", endedAt = "ended_at", winner, publishedVersion = "published_version"
    }
}

/// What a search shows a client in an experiment; recorded with the search in the search
/// log, so its events can be credited to the arms.
public struct ExperimentExposure: Codable, Sendable, Hashable {
    public var name: String
    /// "interleaved", "control" or "treatment".
    public var arm: String
    /// Interleaving: per hit shown, the arm that contributed it ("control" or "treatment").
    public var teams: [String]?

    public init(name: String, arm: String, teams: [String]? = nil) {
        self.name = name
        self.arm = arm
        self.teams = teams
    }
}
