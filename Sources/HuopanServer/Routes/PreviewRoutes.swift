import Foundation
import Hummingbird
import HuopanCatalog
import HuopanEngine
import HuopanRanking

/// `POST /v1/profiles/{name}/preview` (operator): ranks one request with a draft beside
/// the published profile and reports each offer's move. It runs on the operator queue.
struct PreviewRoutes: Sendable {
    let service: HuopanService

    struct Body: Decodable {
        let request: SearchRequest
        /// The whole draft, or only what it changes (`{"weights": {"sales": 2}}`).
        let draft: JSONValue

        enum CodingKeys: String, CodingKey, CaseIterable { case request, draft }

        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            request = try c.decode(SearchRequest.self, forKey: .request)
            draft = try c.decode(JSONValue.self, forKey: .draft)
        }
    }

    /// How an offer moved between the published and the draft ranking.
    struct Move: Encodable {
        let id: String
        let title: String
        let publishedRank: Int?
        let draftRank: Int?
        /// up, down, same, new (only in the draft's page), gone (only in the published page).
        let change: String

        enum CodingKeys: String, CodingKey { case id, title, publishedRank = "published_rank", draftRank = "draft_rank", change }
    }

    struct Preview: Encodable {
        let published: SearchResponse
        let draft: SearchResponse
        let moves: [Move]
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.operators.post("/v1/profiles/{name}/preview") { request, context in
            let name = try context.parameters.require("name")
            let deadline = context.deadline
            let body = try await request.decodeJSON(Body.self, limit: service.configuration.maxJSONBytes, deadline: deadline)
            if let issue = body.request.validate().first {
                throw APIError.invalid(FieldIssue(field: "request.\(issue.field)", reason: issue.reason))
            }
            guard let published = service.engine.profiles.current.profile(named: name) else {
                throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"")
            }
            let draft: RankingProfile
            do throws(FieldIssue) {
                draft = try RankingProfile.draft(body.draft, over: published)
            } catch {
                throw APIError(.unprocessableContent, "invalid_profile", error.description)
            }
            let preview = try await service.operate(deadline: deadline) { () throws -> Preview in
                let profiles = service.engine.profiles.current
                let a = try service.engine.offers.search(body.request, profiles: profiles, draft: published, deadline: deadline)
                let b = try service.engine.offers.search(body.request, profiles: profiles, draft: draft, deadline: deadline)
                return Preview(published: a, draft: b, moves: Self.moves(a, b))
            }
            return try json(preview)
        }
    }

    static func moves(_ published: SearchResponse, _ draft: SearchResponse) -> [Move] {
        let before = Dictionary(published.hits.map { ($0.id, $0.rank) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(draft.hits.map { ($0.id, $0.rank) }, uniquingKeysWith: { a, _ in a })
        var moves = draft.hits.map { hit -> Move in
            let old = before[hit.id]
            let change = old == nil ? "new" : old! > hit.rank ? "up" : old! < hit.rank ? "down" : "same"
            return Move(id: hit.id, title: hit.title, publishedRank: old, draftRank: hit.rank, change: change)
        }
        for hit in published.hits where after[hit.id] == nil {
            moves.append(Move(id: hit.id, title: hit.title, publishedRank: hit.rank, draftRank: nil, change: "gone"))
        }
        return moves
    }
}
