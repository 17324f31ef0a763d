import Hummingbird
import HuopanEngine
import HuopanRanking

/// `GET /v1/features`: the features a profile may weigh, with their groups and summaries;
/// `target` says whether offer profiles or supplier (factory search) profiles weigh them.
struct FeatureRoutes: Sendable {
    struct Info: Encodable {
        let name: String
        let target: String
        let group: String
        let summary: String
    }

    func register(_ groups: RouteGroups) {
        groups.open.get("/v1/features") { _, _ in
            let offers = Features.all.map {
                Info(name: type(of: $0.feature).name, target: "offers", group: $0.group.rawValue, summary: type(of: $0.feature).summary)
            }
            let suppliers = SupplierFeatures.all.map {
                Info(name: type(of: $0).name, target: "suppliers", group: "supplier", summary: type(of: $0).summary)
            }
            return try json(["features": offers + suppliers])
        }
    }
}
