import Foundation
import HuopanCatalog
import HuopanEngine
import HuopanRanking

/// Buyers who act on a `HiddenPreference` against the live engine, producing what a
/// marketplace frontend would send: the search log (UBI query records, as the server
/// writes them) and behaviour events (as `POST /v1/events` takes them).
///
/// Behaviour model (position-based): a buyer examines the hit at position r with
/// probability `1 / r^0.8`; clicks an examined hit with probability `0.03 + 0.7 · u`
/// (u its utility; a little noise on everything); after a click asks the supplier (询盘)
/// with probability `0.3 · u`, adds it to the purchase list with `0.25 · u`, and orders
/// with `0.35 · u²`.
public struct PreferenceBuyers: Sendable {
    public let preference: HiddenPreference
    /// The day that counts as today for every search (so runs repeat exactly).
    public var asOf: String?
    public var pageSize = 20

    public init(preference: HiddenPreference, asOf: String? = nil) {
        self.preference = preference
        self.asOf = asOf
    }

    /// One buyer's actions on one search's hits.
    public func act(on hits: [String], qid: String, queryId: String, rng: inout SeededRandom) -> [UBIEvent] {
        var events: [UBIEvent] = []
        for (i, id) in hits.enumerated() {
            guard rng.unit() < 1 / pow(Double(i + 1), 0.8) else { continue }
            let u = preference.utility(qid, id)
            guard rng.unit() < 0.03 + 0.7 * u else { continue }
            events.append(UBIEvent(action: .click, queryId: queryId, objectId: id, ordinal: i + 1))
            if rng.unit() < 0.3 * u { events.append(UBIEvent(action: .inquiry, queryId: queryId, objectId: id, ordinal: i + 1)) }
            if rng.unit() < 0.25 * u { events.append(UBIEvent(action: .addToCart, queryId: queryId, objectId: id, ordinal: i + 1)) }
            if rng.unit() < 0.35 * u * u { events.append(UBIEvent(action: .order, queryId: queryId, objectId: id, ordinal: i + 1)) }
        }
        return events
    }

    public struct Log: Sendable {
        public var searches: [UBIQuery] = []
        public var events: [UBIEvent] = []

        public init() {}
    }

    /// `impressions` searches by `clients` buyers, each a query of `queries` drawn
    /// uniformly, through `engine` (so running experiments assign and interleave them as
    /// they would live traffic).
    public func run(
        engine: Engine, queries: [JudgedQuery], impressions: Int, clients: Int = 500, seed: UInt64, log: inout Log
    ) throws {
        var rng = SeededRandom(seed: seed)
        let start = log.searches.count
        for i in 0..<impressions {
            let q = queries[Int(rng.next() % UInt64(queries.count))]
            var request = SearchRequest(q: q.query, intent: q.intent, qty: q.qty, channel: q.channel, size: pageSize, asOf: asOf)
            request.clientId = "buyer-\(seed)-\(rng.next() % UInt64(max(1, clients)))"
            let (response, cached) = try engine.search(request)
            let queryId = "sim-\(seed)-\(start + i)"
            // Synthetic, strictly increasing times: one search a second from a fixed origin.
            let at = UBIQuery.timestamp(Date(timeIntervalSince1970: 1_796_083_200 + Double(start + i)))
            log.searches.append(
                UBIQuery(request: request, response: response, queryId: queryId, profileVersion: nil, cached: cached, timestamp: at))
            log.events += act(on: response.hits.map(\.id), qid: q.qid, queryId: queryId, rng: &rng)
        }
    }
}
