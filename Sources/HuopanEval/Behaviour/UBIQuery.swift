import Foundation
import HuopanEngine
import HuopanRanking

/// One search as the search log records it, in the shape of the User Behavior Insights
/// (UBI 1.x) query record: who searched (`client_id`, `session_id`), what they typed, how
/// Huopan read and ranked it (`query_attributes`), and the offers shown, in order
/// (`query_response_hit_ids`, the first at position `first_position`).
public struct UBIQuery: Codable, Sendable, Hashable {
    public var application = "huopan"
    public var queryId: String
    public var clientId: String?
    public var sessionId: String?
    /// ISO 8601, UTC.
    public var timestamp: String
    public var userQuery: String
    public var queryAttributes: Attributes
    public var objectIdField = "id"
    public var queryResponseHitIds: [String]

    public struct Attributes: Codable, Sendable, Hashable {
        /// The matched text's units, space-separated.
        public var analyzed: String
        public var intent: String?
        public var profile: String
        public var profileVersion: Int?
        public var channel: String?
        public var total: Int
        /// Position of the first hit shown (1 on page 1, 21 on page 2 of 20).
        public var firstPosition: Int
        /// Whether the answer came from the result cache.
        public var cached: Bool
        /// The live experiment the search took part in, its arm and (interleaving) which arm
        /// contributed each hit.
        public var experiment: ExperimentExposure?

        public init(
            analyzed: String, intent: String?, profile: String, profileVersion: Int?, channel: String?, total: Int,
            firstPosition: Int, cached: Bool, experiment: ExperimentExposure? = nil
        ) {
            self.experiment = experiment
            self.analyzed = analyzed
            self.intent = intent
            self.profile = profile
            self.profileVersion = profileVersion
            self.channel = channel
            self.total = total
            self.firstPosition = firstPosition
            self.cached = cached
        }

        enum CodingKeys: String, CodingKey {
            case analyzed, intent, profile, profileVersion = "profile_version", channel, total
            case firstPosition = "first_position", cached, experiment
        }
    }

    public init(
        queryId: String, clientId: String?, sessionId: String?, timestamp: String, userQuery: String, attributes: Attributes,
        hitIds: [String]
    ) {
        self.queryId = queryId
        self.clientId = clientId
        self.sessionId = sessionId
        self.timestamp = timestamp
        self.userQuery = userQuery
        self.queryAttributes = attributes
        self.queryResponseHitIds = hitIds
    }

    enum CodingKeys: String, CodingKey {
        case application, queryId = "query_id", clientId = "client_id", sessionId = "session_id", timestamp
        case userQuery = "user_query", queryAttributes = "query_attributes", objectIdField = "object_id_field"
        case queryResponseHitIds = "query_response_hit_ids"
    }

    /// The record of an answered search, as the server logs it and the buyer simulator writes it.
    public init(
        request r: SearchRequest, response: SearchResponse, queryId: String, profileVersion: Int?, cached: Bool, timestamp: String
    ) {
        let attributes = Attributes(
            analyzed: response.query.units.joined(separator: " "), intent: response.intent?.rawValue, profile: response.profile,
            profileVersion: profileVersion, channel: r.channel, total: response.total,
            firstPosition: (r.page - 1) * r.size + 1, cached: cached, experiment: response.experiment)
        self.init(
            queryId: queryId, clientId: r.clientId, sessionId: r.sessionId, timestamp: timestamp, userQuery: r.q,
            attributes: attributes, hitIds: response.hits.map(\.id))
    }

    /// ISO 8601 in UTC with milliseconds, without a formatter object per call.
    public static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = Int((seconds - seconds.rounded(.down)) * 1000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), ms)
    }

    /// The position (1-based, over the whole result list) at which `offer` was shown.
    public func position(of offer: String) -> Int? {
        queryResponseHitIds.firstIndex(of: offer).map { $0 + queryAttributes.firstPosition }
    }
}
