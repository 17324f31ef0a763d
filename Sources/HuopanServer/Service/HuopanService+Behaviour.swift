import Foundation
import HuopanEngine
import HuopanEval

extension HuopanService {
    /// Queues one answered search for the search log (UBI query record); never waits for the disk.
    func logSearch(_ r: SearchRequest, _ response: SearchResponse, cached: Bool) {
        guard let behaviour, let id = response.queryId else { return }
        let attributes = UBIQuery.Attributes(
            analyzed: response.query.units.joined(separator: " "), intent: response.intent?.rawValue, profile: response.profile,
            profileVersion: engine.profiles.latest(response.profile)?.version, channel: r.channel, total: response.total,
            firstPosition: (r.page - 1) * r.size + 1, cached: cached)
        behaviour.record(
            UBIQuery(
                queryId: id, clientId: r.clientId, sessionId: r.sessionId, timestamp: Self.timestamp(Date()), userQuery: r.q,
                attributes: attributes, hitIds: response.hits.map(\.id)))
    }

    /// ISO 8601 in UTC with milliseconds, without a formatter object per call.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = Int((seconds - seconds.rounded(.down)) * 1000)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), ms)
    }
}
