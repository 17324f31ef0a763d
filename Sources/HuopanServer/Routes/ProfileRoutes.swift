import Foundation
import Hummingbird
import HuopanCatalog
import HuopanRanking

/// Ranking profiles: list, read, publish (admin), roll back (admin), history,
/// and a preview that ranks one query with a draft beside the published profile.
struct ProfileRoutes: Sendable {
    let service: HuopanService
    let auth: AdminAuth

    struct Summary: Encodable {
        let name: String
        let description: String
        let intent: String?
        let channel: String?
        let version: Int
        let author: String
        let at: String
    }

    struct RollbackBody: Decodable {
        let version: Int?
    }

    struct PreviewBody: Decodable {
        let request: SearchRequest
        let draft: RankingProfile
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

    struct FeatureInfo: Encodable {
        let name: String
        let group: String
        let summary: String
    }

    struct SynonymsAnswer: Encodable {
        let version: String
        let groups: [[String]]
    }

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/v1/synonyms") { _, _ in
            let s = service.search.vocabulary.synonyms
            return try json(SynonymsAnswer(version: s.version, groups: s.groups))
        }
        router.post("/v1/synonyms/reload") { request, _ in
            let author = try auth.authenticate(request)
            let service = self.service
            let s = try await service.run { try service.search.analyzers.withAnalyzer { try service.search.vocabulary.reloadSynonyms(analyzer: $0) } }
            service.logger.notice("synonyms reloaded", metadata: ["version": "\(s.version)", "by": "\(author)"])
            return try json(SynonymsAnswer(version: s.version, groups: s.groups))
        }
        router.get("/v1/features") { _, _ in
            try json(["features": Features.all.map { FeatureInfo(name: type(of: $0.feature).name, group: $0.group.rawValue,
                                                                 summary: type(of: $0.feature).summary) }])
        }
        router.get("/v1/profiles") { _, _ in
            let store = service.profiles
            let list = store.names.compactMap { store.latest($0) }.map {
                Summary(name: $0.name, description: $0.profile.description, intent: $0.profile.intent?.rawValue,
                        channel: $0.profile.channel, version: $0.version, author: $0.author, at: $0.at)
            }
            return try json(["profiles": list])
        }
        router.get("/v1/profiles/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let v = service.profiles.latest(name) else { throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"") }
            return try json(v)
        }
        router.get("/v1/profiles/{name}/history") { _, context in
            let name = try context.parameters.require("name")
            let history = service.profiles.history(name)
            guard !history.isEmpty else { throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"") }
            return try json(["name": AnyEncodable(name), "versions": AnyEncodable(history)])
        }
        router.put("/v1/profiles/{name}") { request, context in
            let author = try auth.authenticate(request)
            let name = try context.parameters.require("name")
            var request = request
            let profile = try await request.decodeJSON(RankingProfile.self, limit: service.configuration.maxJSONBytes)
            guard profile.name == name else {
                throw APIError(.badRequest, "invalid_request", "name: \"\(profile.name)\" does not match the path's \"\(name)\"")
            }
            let version = try service.profiles.publish(profile, author: author)
            service.logger.notice("profile published", metadata: ["profile": "\(name)", "version": "\(version.version)", "by": "\(author)"])
            return try json(version)
        }
        router.post("/v1/profiles/{name}/rollback") { request, context in
            let author = try auth.authenticate(request)
            let name = try context.parameters.require("name")
            var request = request
            let body = try await request.body(limit: service.configuration.maxJSONBytes)
            var target: Int?
            if !body.isEmpty {
                do {
                    target = try JSONDecoder().decode(RollbackBody.self, from: body).version
                } catch {
                    throw APIError(.badRequest, "invalid_json", FieldIssue(decodingError: error).description)
                }
            }
            let version = try service.profiles.rollback(name, to: target, author: author)
            service.logger.notice("profile rolled back", metadata: ["profile": "\(name)", "restored": "\(version.restoredVersion ?? 0)", "by": "\(author)"])
            return try json(version)
        }
        router.post("/v1/profiles/{name}/preview") { request, context in
            let name = try context.parameters.require("name")
            var request = request
            let body = try await request.decodeJSON(PreviewBody.self, limit: service.configuration.maxJSONBytes)
            if let issue = body.draft.validate().first { throw APIError(.unprocessableContent, "invalid_profile", issue.description) }
            guard let published = service.profiles.current.profile(named: name) else {
                throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"")
            }
            let service = self.service
            let preview = try await service.run { () throws -> Preview in
                let profiles = service.profiles.current
                let a = try service.search.search(body.request, profiles: profiles, draft: published)
                let b = try service.search.search(body.request, profiles: profiles, draft: body.draft)
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

/// Type-erased Encodable for small mixed objects.
struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode(to:) }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
