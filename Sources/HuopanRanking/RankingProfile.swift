import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanText

/// A named set of ranking weights and knobs, per buyer intent and/or sales
/// channel (Vespa's rank profiles, for a wholesale marketplace). Stored as JSON
/// under `Corpora/profiles/`, edited by operators through the API.
public struct RankingProfile: Codable, Sendable, Hashable {
    public var name: String
    public var description: String
    /// What the profile ranks: offers (default) or suppliers (factory search).
    public var target: Target
    /// The intent this profile serves when a request does not name a profile.
    public var intent: BuyerIntent?
    /// The sales channel (taobao, pinduoduo, douyin ...) it serves.
    public var channel: String?
    /// Candidates fetched by phase one and rescored here.
    public var window: Int
    /// Planned quantity assumed when the request and the query give none.
    public var defaultQty: Int
    /// Relax the query when the strict form finds fewer offers than this.
    public var relaxBelow: Int
    /// Match-phase limit (Vespa's `match-phase max-hits`): a query estimated to match more
    /// than twice this many offers takes its window from the best-quality part of the index
    /// expected to hold this many of its matches, instead of walking all of them. 0 walks
    /// every match; a value below the window counts as the window. Applies on indexes
    /// numbered by quality, to relevance-ordered searches (facet counts then are estimates).
    public var matchPhaseMaxHits: Int

    /// The limit a search uses: 0, or at least the window, which it must be able to fill.
    public var effectiveMaxHits: Int { matchPhaseMaxHits == 0 ? 0 : max(matchPhaseMaxHits, window) }
    /// Weight of the static quality prior in phase one (which matches enter the window).
    public var priorWeight: Double
    public var bm25: BM25Parameters
    /// Feature name → weight (≥ 0). Missing features weigh 0.
    public var weights: [String: Double]
    public var diversity: Diversity
    public var exposure: Exposure

    public enum Target: String, Codable, Sendable, Hashable {
        case offers, suppliers

        /// The feature names a profile of this target may weigh.
        public var featureNames: [String] { self == .offers ? Features.names : SupplierFeatures.names }
    }

    /// 大树下面不长草: at most `maxPerSupplier` offers of one supplier per page of `pageSize`.
    public struct Diversity: Codable, Sendable, Hashable {
        public var maxPerSupplier: Int
        public var pageSize: Int

        public init(maxPerSupplier: Int = 3, pageSize: Int = 20) {
            self.maxPerSupplier = maxPerSupplier
            self.pageSize = pageSize
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case maxPerSupplier = "max_per_supplier", pageSize = "page_size" }

        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxPerSupplier = try c.decodeIfPresent(Int.self, forKey: .maxPerSupplier) ?? 3
            pageSize = try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? 20
        }
    }

    /// A fair chance for new suppliers with strong service: when the first page
    /// has none, the best such offer among the next `lookahead` candidates of the
    /// same relevance tier is placed at position `slot` (1-based).
    public struct Exposure: Codable, Sendable, Hashable {
        public var enabled: Bool
        /// "New" means at most this many years on the platform.
        public var maxSupplierYears: Int
        /// Both the 72-hour shipping rate and the reply rate must reach this.
        public var minService: Double
        public var slot: Int
        public var lookahead: Int

        public init(enabled: Bool = true, maxSupplierYears: Int = 1, minService: Double = 0.9, slot: Int = 8, lookahead: Int = 100) {
            self.enabled = enabled
            self.maxSupplierYears = maxSupplierYears
            self.minService = minService
            self.slot = slot
            self.lookahead = lookahead
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case enabled, maxSupplierYears = "max_supplier_years", minService = "min_service", slot, lookahead
        }

        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Exposure()
            enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
            maxSupplierYears = try c.decodeIfPresent(Int.self, forKey: .maxSupplierYears) ?? d.maxSupplierYears
            minService = try c.decodeIfPresent(Double.self, forKey: .minService) ?? d.minService
            slot = try c.decodeIfPresent(Int.self, forKey: .slot) ?? d.slot
            lookahead = try c.decodeIfPresent(Int.self, forKey: .lookahead) ?? d.lookahead
        }
    }

    public init(
        name: String, description: String = "", target: Target = .offers, intent: BuyerIntent? = nil, channel: String? = nil,
        window: Int = 1_000, defaultQty: Int = 1, relaxBelow: Int = 20, matchPhaseMaxHits: Int = RankingProfile.defaultMaxHits,
        priorWeight: Double = 1.0,
        bm25: BM25Parameters = BM25Parameters(), weights: [String: Double],
        diversity: Diversity = Diversity(), exposure: Exposure = Exposure()
    ) {
        self.name = name
        self.description = description
        self.target = target
        self.intent = intent
        self.channel = channel
        self.window = window
        self.defaultQty = defaultQty
        self.relaxBelow = relaxBelow
        self.matchPhaseMaxHits = matchPhaseMaxHits
        self.priorWeight = priorWeight
        self.bm25 = bm25
        self.weights = weights
        self.diversity = diversity
        self.exposure = exposure
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, target, intent, channel, window, defaultQty = "default_qty", relaxBelow = "relax_below"
        case matchPhaseMaxHits = "match_phase_max_hits"
        case priorWeight = "prior_weight", bm25, weights, diversity, exposure
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        target = try c.decodeIfPresent(Target.self, forKey: .target) ?? .offers
        intent = try c.decodeIfPresent(BuyerIntent.self, forKey: .intent)
        channel = try c.decodeIfPresent(String.self, forKey: .channel)
        window = try c.decodeIfPresent(Int.self, forKey: .window) ?? 1_000
        defaultQty = try c.decodeIfPresent(Int.self, forKey: .defaultQty) ?? 1
        relaxBelow = try c.decodeIfPresent(Int.self, forKey: .relaxBelow) ?? 20
        matchPhaseMaxHits = try c.decodeIfPresent(Int.self, forKey: .matchPhaseMaxHits) ?? Self.defaultMaxHits
        priorWeight = try c.decodeIfPresent(Double.self, forKey: .priorWeight) ?? 1.0
        bm25 = try c.decodeIfPresent(BM25Parameters.self, forKey: .bm25) ?? BM25Parameters()
        weights = try c.decode([String: Double].self, forKey: .weights)
        diversity = try c.decodeIfPresent(Diversity.self, forKey: .diversity) ?? Diversity()
        exposure = try c.decodeIfPresent(Exposure.self, forKey: .exposure) ?? Exposure()
    }

    public static let windowRange = 10...10_000
    /// Two windows of 1,000: see `huopan bench search`, which prints what the limit saves
    /// on head queries and how much of their first page it changes.
    public static let defaultMaxHits = 2_000

    /// Every rule the profile breaks, each naming its field.
    public func validate() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func check(_ ok: Bool, _ field: String, _ reason: @autoclosure () -> String) {
            if !ok { issues.append(FieldIssue(field: field, reason: reason())) }
        }
        check(
            name.range(of: "^[a-z0-9][a-z0-9_.-]{0,63}$", options: .regularExpression) != nil, "name",
            "must be 1 to 64 characters of a-z, 0-9, _ . - (starting with a letter or digit)")
        check(description.count <= 500, "description", "must be at most 500 characters")
        if let channel {
            check(
                channel.range(of: "^[a-z0-9_]{1,32}$", options: .regularExpression) != nil, "channel",
                "must be 1 to 32 characters of a-z, 0-9, _")
        }
        check(
            Self.windowRange.contains(window), "window", "must be between \(Self.windowRange.lowerBound) and \(Self.windowRange.upperBound)"
        )
        check((1...10_000_000).contains(defaultQty), "default_qty", "must be between 1 and 10,000,000")
        check((0...1_000).contains(relaxBelow), "relax_below", "must be between 0 and 1,000")
        check((0...10_000_000).contains(matchPhaseMaxHits), "match_phase_max_hits", "must be between 0 and 10,000,000")
        check(priorWeight.isFinite && (0...100).contains(priorWeight), "prior_weight", "must be a finite number between 0 and 100")
        check(bm25.k1.isFinite && (0...10).contains(bm25.k1), "bm25.k1", "must be between 0 and 10")
        check(bm25.b.isFinite && (0...1).contains(bm25.b), "bm25.b", "must be between 0 and 1")
        check(bm25.k2.isFinite && bm25.k2 >= 0, "bm25.k2", "must be a non-negative number")
        check(bm25.k3.isFinite && bm25.k3 >= 0, "bm25.k3", "must be a non-negative number")
        check(bm25.minNormLength.isFinite && bm25.minNormLength >= 0, "bm25.min_normlen", "must be a non-negative number")
        for (feature, weight) in weights.sorted(by: { $0.key < $1.key }) {
            if !target.featureNames.contains(feature) {
                issues.append(
                    FieldIssue(
                        field: "weights.\(feature)", reason: "unknown feature (known: \(target.featureNames.joined(separator: ", ")))"))
            } else if !weight.isFinite {
                issues.append(FieldIssue(field: "weights.\(feature)", reason: "must be a finite number"))
            } else if weight < 0 {
                issues.append(FieldIssue(field: "weights.\(feature)", reason: "must not be negative"))
            } else if weight > 1_000 {
                issues.append(FieldIssue(field: "weights.\(feature)", reason: "must be at most 1000"))
            }
        }
        check(weights.values.contains { $0 > 0 }, "weights", "at least one feature must have a positive weight")
        check((1...100).contains(diversity.maxPerSupplier), "diversity.max_per_supplier", "must be between 1 and 100")
        check((1...100).contains(diversity.pageSize), "diversity.page_size", "must be between 1 and 100")
        check((0...100).contains(exposure.maxSupplierYears), "exposure.max_supplier_years", "must be between 0 and 100")
        check(exposure.minService.isFinite && (0...1).contains(exposure.minService), "exposure.min_service", "must be between 0 and 1")
        // Compared, not a range: a page size below 1 (already reported) must not trap here.
        check(
            exposure.slot >= 1 && exposure.slot <= max(1, diversity.pageSize), "exposure.slot",
            "must be between 1 and diversity.page_size (\(diversity.pageSize))")
        check((0...10_000).contains(exposure.lookahead), "exposure.lookahead", "must be between 0 and 10,000")
        return issues
    }

    /// Decodes and validates a profile; throws the first problem with its field.
    public static func decode(_ data: Data) throws(FieldIssue) -> RankingProfile {
        let profile: RankingProfile
        do {
            profile = try JSONDecoder().decode(RankingProfile.self, from: data)
        } catch {
            throw FieldIssue(decoding: data, error: error) { _ = try JSONDecoder().decode(RankingProfile.self, from: $0) }
        }
        if let issue = profile.validate().first { throw issue }
        return profile
    }

    /// A draft written as changes to `base`: the members `changes` names replace the base's
    /// (weights merge feature by feature, so `{"weights": {"sales": 2}}` changes one weight),
    /// and the result is validated like any profile.
    public static func draft(_ changes: JSONValue, over base: RankingProfile) throws(FieldIssue) -> RankingProfile {
        let encoder = JSONEncoder()
        guard let baseData = try? encoder.encode(base), let baseJSON = try? JSONValue.parse(baseData),
            let merged = try? encoder.encode(baseJSON.merging(changes.removing(Self.readOnlyFields)))
        else {
            throw FieldIssue(field: "draft", reason: "must be a JSON object")
        }
        return try decode(merged)
    }

    /// Members a published version carries that are not part of the profile (version, who,
    /// when); a profile read from the API may be sent back with them.
    public static let readOnlyFields: Set<String> = ["version", "at", "author", "action", "restored_version"]

    /// Weight of a feature (0 when the profile does not name it).
    public func weight(_ feature: String) -> Double { weights[feature] ?? 0 }
}
