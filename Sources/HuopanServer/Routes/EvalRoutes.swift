import Foundation
import Hummingbird
import HuopanCatalog
import HuopanEngine
import HuopanEval
import HuopanRanking
import HuopanText

/// `POST /v1/eval` (operator): evaluate the published profiles (or one by name) and
/// optionally a draft on a named judged query set, with the comparison. It runs on the
/// operator queue, one query after another, so it never takes the search threads.
struct EvalRoutes: Sendable {
    let service: HuopanService

    struct Body: Decodable {
        let set: String
        let profile: String?
        /// The whole draft, or only what it changes over `profile` (default: `default`).
        let draft: JSONValue?
        let metrics: [Metric]?
        let asOf: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case set, profile, draft, metrics, asOf = "as_of" }

        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            set = try c.decode(String.self, forKey: .set)
            profile = try c.decodeIfPresent(String.self, forKey: .profile)
            draft = try c.decodeIfPresent(JSONValue.self, forKey: .draft)
            metrics = try c.decodeIfPresent([Metric].self, forKey: .metrics)
            asOf = try c.decodeIfPresent(String.self, forKey: .asOf)
        }
    }

    struct Side: Encodable {
        let profile: String
        let means: [String: Double]
    }

    struct Answer: Encodable {
        let set: String
        let queries: Int
        let published: Side
        let draft: Side?
        let comparison: Comparison?
        let seconds: Double
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.evaluation.post("/v1/eval") { request, context in
            let deadline = context.deadline
            let body = try await request.decodeJSON(Body.self, limit: service.configuration.maxJSONBytes, deadline: deadline)
            if let metrics = body.metrics, metrics.count > Metric.allCases.count * 4 {
                throw APIError(.badRequest, "invalid_request", "metrics: at most \(Metric.allCases.count * 4) are accepted")
            }
            if let asOf = body.asOf, Offer.epochDay(of: asOf) == nil {
                throw APIError(.badRequest, "invalid_request", "as_of: must be a date YYYY-MM-DD, got \"\(asOf)\"")
            }
            guard body.set.range(of: "^[a-z0-9_-]{1,64}$", options: .regularExpression) != nil else {
                throw APIError(.badRequest, "invalid_request", "set: must be the name of a judged set such as \"test\"")
            }
            guard let (queriesURL, qrelsURL) = service.engine.judgedSet(body.set) else {
                throw APIError(
                    .notFound, "not_found",
                    "no judged set \"\(body.set)\" (expected \(body.set).queries.tsv and \(body.set).qrels in judgments_dir)")
            }
            let profiles = service.engine.profiles.current
            if let name = body.profile, profiles.profile(named: name) == nil, name != "bm25_only" {
                throw APIError(.notFound, "not_found", "unknown profile \"\(name)\"")
            }
            var parsedDraft: RankingProfile?
            if let changes = body.draft {
                let baseName = body.profile.flatMap { $0 == "bm25_only" ? nil : $0 } ?? "default"
                guard let base = profiles.profile(named: baseName) else {
                    throw APIError(.notFound, "not_found", "unknown profile \"\(baseName)\"")
                }
                do throws(FieldIssue) {
                    parsedDraft = try RankingProfile.draft(changes, over: base)
                } catch {
                    throw APIError(.unprocessableContent, "invalid_profile", error.description)
                }
            }
            let draft = parsedDraft
            let metrics = body.metrics ?? Metric.allCases
            let answer = try await service.operate(deadline: deadline) { () throws -> Answer in
                let started = Date()
                let queries = try QuerySetFile.read(queriesURL)
                let qrels = try Qrels.read(qrelsURL)
                let evaluator = Evaluator(search: service.engine.offers, parallel: false, deadline: deadline, asOf: body.asOf)
                let publishedProfile = body.profile.map { $0 == "bm25_only" ? Evaluator.bm25Only : profiles.profile(named: $0)! }
                let a = Evaluation.evaluate(
                    try evaluator.run(queries, profiles: profiles, draft: publishedProfile, tag: "published"),
                    qrels: qrels, queries: queries.map(\.qid), metrics: metrics)
                var draftSide: Side?
                var comparison: Comparison?
                if let draft {
                    let b = Evaluation.evaluate(
                        try evaluator.run(queries, profiles: profiles, draft: draft, tag: "draft"),
                        qrels: qrels, queries: queries.map(\.qid), metrics: metrics)
                    draftSide = Side(profile: draft.name, means: b.means)
                    comparison = Comparison.compare(a, b, nameA: body.profile ?? "published", nameB: "draft", queries: queries)
                }
                return Answer(
                    set: body.set, queries: queries.count,
                    published: Side(profile: body.profile ?? "by intent and channel", means: a.means),
                    draft: draftSide, comparison: comparison, seconds: Date().timeIntervalSince(started))
            }
            return try json(answer)
        }
    }
}
