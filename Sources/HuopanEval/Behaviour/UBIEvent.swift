import Foundation

/// What a buyer did after a search, in the shape of the UBI 1.x event record. The object is
/// an offer (`event_attributes.object.object_id`); its position in the results
/// (`event_attributes.position.ordinal`, 1-based) may be omitted when the search log knows it.
public struct UBIEvent: Codable, Sendable, Hashable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case impression, click, inquiry
        case addToCart = "add_to_cart"
        case order
    }

    public var actionName: Action
    public var queryId: String
    public var clientId: String?
    public var sessionId: String?
    public var timestamp: String
    public var objectId: String
    public var ordinal: Int?
    /// Pieces ordered (orders only).
    public var quantity: Int?
    /// Amount paid, CNY (orders only).
    public var amount: Double?

    public init(
        action: Action, queryId: String, objectId: String, ordinal: Int? = nil, clientId: String? = nil, sessionId: String? = nil,
        timestamp: String = "", quantity: Int? = nil, amount: Double? = nil
    ) {
        self.actionName = action
        self.queryId = queryId
        self.objectId = objectId
        self.ordinal = ordinal
        self.clientId = clientId
        self.sessionId = sessionId
        self.timestamp = timestamp
        self.quantity = quantity
        self.amount = amount
    }

    /// A problem with one line of an event upload.
    public struct Issue: Error, Sendable, Hashable, Codable {
        public var line: Int
        public var field: String
        public var reason: String
    }

    static let topLevel: Set<String> = [
        "action_name", "query_id", "client_id", "session_id", "user_id", "timestamp", "application", "message_type", "message",
        "event_attributes",
    ]

    /// Reads one NDJSON line in UBI's event shape, naming the field of the first problem.
    public static func parse(_ line: Data, number: Int) -> Result<UBIEvent, Issue> {
        func issue(_ field: String, _ reason: String) -> Result<UBIEvent, Issue> {
            .failure(Issue(line: number, field: field, reason: reason))
        }
        guard let object = try? JSONSerialization.jsonObject(with: line), let o = object as? [String: Any] else {
            return issue("", "not a JSON object")
        }
        if let unknown = o.keys.filter({ !topLevel.contains($0) }).sorted().first {
            return issue(unknown, "unknown field")
        }
        guard let actionName = o["action_name"] as? String else { return issue("action_name", "is required (a string)") }
        guard let action = Action(rawValue: actionName) else {
            return issue("action_name", "must be one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(actionName)\"")
        }
        guard let queryId = o["query_id"] as? String, (1...128).contains(queryId.count) else {
            return issue("query_id", "is required (the query_id of the search response)")
        }
        for key in ["client_id", "session_id"] {
            if let v = o[key], !(v is String) || (v as! String).count > 128 {
                return issue(key, "must be a string of at most 128 characters")
            }
        }
        guard let timestamp = o["timestamp"] as? String, UBITimestamps.date(from: timestamp) != nil else {
            return issue("timestamp", "is required (ISO 8601, e.g. 2026-12-01T10:00:00Z)")
        }
        guard let attributes = o["event_attributes"] as? [String: Any] else {
            return issue("event_attributes", "is required (an object with object.object_id)")
        }
        guard let target = attributes["object"] as? [String: Any], let objectId = target["object_id"] as? String,
            (1...128).contains(objectId.count)
        else {
            return issue("event_attributes.object.object_id", "is required (the offer's id)")
        }
        var event = UBIEvent(
            action: action, queryId: queryId, objectId: objectId, clientId: o["client_id"] as? String,
            sessionId: o["session_id"] as? String, timestamp: timestamp)
        if let position = attributes["position"] {
            guard let p = position as? [String: Any], let n = p["ordinal"] as? Int, (1...10_000).contains(n) else {
                return issue("event_attributes.position.ordinal", "must be a whole number from 1 (the first result) to 10000")
            }
            event.ordinal = n
        }
        if let q = attributes["quantity"] {
            guard action == .order, let n = q as? Int, n >= 1 else {
                return issue("event_attributes.quantity", "must be a whole number of pieces ≥ 1, on order events")
            }
            event.quantity = n
        }
        if let a = attributes["amount"] {
            guard action == .order, let x = (a as? NSNumber)?.doubleValue, x >= 0, x.isFinite else {
                return issue("event_attributes.amount", "must be a non-negative amount, on order events")
            }
            event.amount = x
        }
        return .success(event)
    }

    enum CodingKeys: String, CodingKey {
        case actionName = "action_name", queryId = "query_id", clientId = "client_id", sessionId = "session_id", timestamp
        case objectId = "object_id", ordinal, quantity, amount
    }
}

/// Parses UBI timestamps, with or without fractional seconds.
enum UBITimestamps {
    static func date(from s: String) -> Date? {
        if let d = ISO8601DateFormatter().date(from: s) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: s)
    }
}
