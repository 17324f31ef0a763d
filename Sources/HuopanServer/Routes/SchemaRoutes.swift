import Hummingbird
import HuopanEngine

/// `GET /v1/schema`: the vocabulary of a search request (filters and their kinds, facets,
/// sorts, intents, supplier kinds, channels, profiles, limits), for frontends and the console.
struct SchemaRoutes: Sendable {
    let service: HuopanService

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.open.get("/v1/schema") { _, _ in try json(SearchSchema(profiles: service.engine.profiles.current)) }
    }
}
