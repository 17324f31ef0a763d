import Hummingbird
import HuopanEngine
import HuopanRanking

/// `GET /v1/features`: the features a profile may weigh, with their groups and summaries.
struct FeatureRoutes: Sendable {
    struct Info: Encodable {
        let name: String
        let group: String
        let summary: String
    }

    func register(_ groups: RouteGroups) {
        groups.open.get("/v1/features") { _, _ in
            try json([
                "features": Features.all.map {
                    Info(
                        name: type(of: $0.feature).name, group: $0.group.rawValue,
                        summary: type(of: $0.feature).summary)
                }
            ])
        }
    }
}
