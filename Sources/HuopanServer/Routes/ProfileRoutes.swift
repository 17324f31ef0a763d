import Foundation
import Hummingbird
import HuopanCatalog
import HuopanEngine
import HuopanRanking

/// Ranking profiles: list and read (open), history and tuned suggestions (operator: they
/// name people and files), publish and roll back (admin).
struct ProfileRoutes: Sendable {
    let service: HuopanService

    struct Summary: Encodable {
        let name: String
        let description: String
        let intent: String?
        let channel: String?
        let version: Int
        let at: String
    }

    struct RollbackBody: Decodable {
        let version: Int?

        enum CodingKeys: String, CodingKey, CaseIterable { case version }

        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            version = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Int.self, forKey: .version)
        }
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.open.get("/v1/profiles") { _, _ in
            let store = service.engine.profiles
            let list = store.names.compactMap { store.latest($0) }.map {
                Summary(
                    name: $0.name, description: $0.profile.description, intent: $0.profile.intent?.rawValue,
                    channel: $0.profile.channel, version: $0.version, at: $0.at)
            }
            return try json(["profiles": list])
        }
        groups.open.get("/v1/profiles/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let v = service.engine.profiles.latest(name) else {
                throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"")
            }
            // The profile itself, with its version and date beside it: what PUT takes back.
            let profile = try JSONValue.parse(try JSONEncoder().encode(v.profile))
            return try json(profile.merging(.object([("version", .number(Double(v.version))), ("at", .string(v.at))])))
        }
        groups.operators.get("/v1/profiles/{name}/history") { _, context in
            let name = try context.parameters.require("name")
            let history = service.engine.profiles.history(name)
            guard !history.isEmpty else { throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"") }
            return try json([
                "name": AnyEncodable(name), "versions": AnyEncodable(history),
                "experiments": AnyEncodable(service.engine.profiles.experimentHistory(name)),
            ])
        }
        // The weights `huopan tune` suggested, if written to the state directory's suggestions/<name>.json.
        groups.operators.get("/v1/profiles/{name}/suggestion") { _, context in
            let name = try context.parameters.require("name")
            guard name.range(of: "^[a-z0-9][a-z0-9_.-]{0,63}$", options: .regularExpression) != nil,
                let data = try? Data(
                    contentsOf: (service.engine.configuration.stateDirectory ?? URL(fileURLWithPath: "/nonexistent"))
                        .appendingPathComponent("suggestions/\(name).json"))
            else {
                throw APIError(
                    .notFound, "not_found",
                    "no tuned suggestion for \"\(name)\" (write one with huopan tune --out <state dir>/suggestions/\(name).json)")
            }
            do {
                return try json(try RankingProfile.decode(data))
            } catch {
                context.logger.error("stored suggestion is not a valid profile", metadata: ["profile": "\(name)", "error": "\(error)"])
                throw APIError(.unprocessableContent, "invalid_profile", "the stored suggestion for \"\(name)\" is not a valid profile")
            }
        }
        groups.admin.put("/v1/profiles/{name}") { request, context in
            let name = try context.parameters.require("name")
            let body = try await request.decodeJSON(JSONValue.self, limit: service.configuration.maxJSONBytes, deadline: context.deadline)
            // What GET returned may come back as it is: its version must still be the latest
            // (someone else's publish in between is a conflict, not a silent overwrite).
            let profile: RankingProfile
            do {
                profile = try RankingProfile.decode(try JSONEncoder().encode(body.removing(RankingProfile.readOnlyFields)))
            } catch let issue as FieldIssue {
                throw APIError(.unprocessableContent, "invalid_profile", issue.description)
            }
            guard profile.name == name else {
                throw APIError(.badRequest, "invalid_request", "name: \"\(profile.name)\" does not match the path's \"\(name)\"")
            }
            let author = context.author
            let sentVersion = body["version"]
            let version = try await service.write(deadline: context.deadline) {
                // Checked on the writer so no other publish can slip between check and publish.
                if let sentVersion {
                    let latest = service.engine.profiles.latest(name)?.version ?? 0
                    guard sentVersion == .number(Double(latest)) else {
                        throw APIError(
                            .conflict, "conflict",
                            "version: the profile is at version \(latest) now, not the version sent; read it again and reapply the change")
                    }
                }
                return try service.engine.profiles.publish(profile, author: author)
            }
            service.logger.notice(
                "profile published", metadata: ["profile": "\(name)", "version": "\(version.version)", "by": "\(author)"])
            return try json(version)
        }
        groups.admin.post("/v1/profiles/{name}/rollback") { request, context in
            let name = try context.parameters.require("name")
            let body = try await request.body(limit: service.configuration.maxJSONBytes, deadline: context.deadline)
            var target: Int?
            if !body.isEmpty {
                do {
                    target = try JSONDecoder().decode(RollbackBody.self, from: body).version
                } catch {
                    throw APIError(
                        .badRequest, "invalid_json",
                        FieldIssue(decoding: body, error: error) { _ = try JSONDecoder().decode(RollbackBody.self, from: $0) }.description)
                }
            }
            let (author, version) = (context.author, target)
            let restored = try await service.write(deadline: context.deadline) {
                try service.engine.profiles.rollback(name, to: version, author: author)
            }
            service.logger.notice(
                "profile rolled back", metadata: ["profile": "\(name)", "restored": "\(restored.restoredVersion ?? 0)", "by": "\(author)"])
            return try json(restored)
        }
    }
}

/// Type-erased Encodable for small mixed objects.
struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode(to:) }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
