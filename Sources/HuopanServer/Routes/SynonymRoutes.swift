import Foundation
import Hummingbird

/// `GET /v1/synonyms` (the loaded groups and their version) and
/// `POST /v1/synonyms/reload` (admin: reread the file without a restart).
struct SynonymRoutes: Sendable {
    let service: HuopanService

    struct Answer: Encodable {
        let version: String
        let groups: [[String]]
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.open.get("/v1/synonyms") { _, _ in
            let s = service.engine.understanding.vocabulary.synonyms
            return try json(Answer(version: s.version, groups: s.groups))
        }
        groups.admin.post("/v1/synonyms/reload") { _, context in
            let s = try await service.write(deadline: context.deadline) {
                try service.engine.understanding.reloadSynonyms()
            }
            service.logger.notice("synonyms reloaded", metadata: ["version": "\(s.version)", "by": "\(context.author)"])
            return try json(Answer(version: s.version, groups: s.groups))
        }
    }
}
