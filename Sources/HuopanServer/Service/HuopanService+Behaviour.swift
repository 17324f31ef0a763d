import Foundation
import HuopanEngine
import HuopanEval

extension HuopanService {
    /// Queues one answered search for the search log (UBI query record); never waits for the disk.
    func logSearch(_ r: SearchRequest, _ response: SearchResponse, cached: Bool) {
        guard let behaviour, let id = response.queryId else { return }
        behaviour.record(
            UBIQuery(
                request: r, response: response, queryId: id, profileVersion: engine.profiles.latest(response.profile)?.version,
                cached: cached, timestamp: UBIQuery.timestamp(Date())))
    }
}
