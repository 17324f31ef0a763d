import Foundation
import Hummingbird
import HuopanEval

/// `POST /v1/events` (ingest): behaviour events in UBI's shape, NDJSON; and
/// `GET /v1/judgments/implicit` (operator): graded judgments derived from the search log and
/// the events, as JSON with their evidence, TREC qrels or a query set.
struct BehaviourRoutes: Sendable {
    let service: HuopanService

    /// Lines in one event upload, at most.
    static let maxEventLines = 100_000

    struct IngestAnswer: Encodable {
        let accepted: Int
        let rejected: [UBIEvent.Issue]
        let unknownQueryIds: Int

        enum CodingKeys: String, CodingKey {
            case accepted, rejected, unknownQueryIds = "unknown_query_ids"
        }
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.ingest.post("/v1/events") { request, context in
            guard let behaviour = service.behaviour else {
                throw APIError(.conflict, "behaviour_log_off", "behaviour logging is off on this server (behaviour_log_mb is 0)")
            }
            let body = try await request.body(limit: service.configuration.maxBodyBytes, deadline: context.deadline)
            guard !body.isEmpty else {
                throw APIError(.badRequest, "invalid_request", "the body must hold events, one JSON object per line")
            }
            let lines = body.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard lines <= Self.maxEventLines else {
                throw APIError(
                    .contentTooLarge, "too_many_events",
                    "\(lines) lines; at most \(Self.maxEventLines) events per request: split the upload")
            }
            let report = try await service.write(deadline: context.deadline) { behaviour.ingest(ndjson: body) }
            service.metrics.recordEvents(accepted: report.accepted, rejected: report.rejected.count)
            if report.accepted == 0 {
                throw APIError(
                    .badRequest, "invalid_events",
                    "no event was accepted: "
                        + report.rejected.prefix(5).map { "line \($0.line): \($0.field.isEmpty ? "" : $0.field + ": ")\($0.reason)" }
                        .joined(separator: "; "))
            }
            return try json(IngestAnswer(accepted: report.accepted, rejected: report.rejected, unknownQueryIds: report.unknownQueryIds))
        }

        groups.evaluation.get("/v1/judgments/implicit") { request, context in
            guard let behaviour = service.behaviour else {
                throw APIError(.conflict, "behaviour_log_off", "behaviour logging is off on this server (behaviour_log_mb is 0)")
            }
            let options = try JudgmentOptions(FormQuery.parse(request.uri.query))
            let directory = behaviour.directory
            let result = try await service.operate(deadline: context.deadline) { () throws -> ImplicitJudgments.Result in
                try behaviour.flush()
                let (searches, events) = try BehaviourLog.read(directory: directory)
                return options.apply(searches: searches, events: events)
            }
            switch options.format {
            case "qrels":
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: result.qrels.format())))
            case "queries":
                return Response(
                    status: .ok, headers: [.contentType: "text/tab-separated-values; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: QuerySetFile.format(result.queries.map(\.query)))))
            default:
                return try json(JudgmentAnswer(result, options: options))
            }
        }
    }
}

/// The parameters of `GET /v1/judgments/implicit`.
struct JudgmentOptions: Sendable {
    var model = ImplicitJudgments.Model.coec
    var minImpressions = 10
    var sampling: ImplicitJudgments.Sampling?
    var format = "json"

    static let known = ["model", "min_impressions", "sample", "n", "seed", "format"]

    init(_ pairs: [(String, String)]) throws {
        var sample: String?
        var n = 100
        var seed: UInt64 = 1
        /// `value` as one of `choices`, or a 400 naming `key` and them.
        func choice(_ key: String, _ value: String, _ choices: [String]) throws -> String {
            guard choices.contains(value) else {
                throw APIError(.badRequest, "invalid_request", "\(key): must be one of \(choices.joined(separator: ", "))")
            }
            return value
        }
        func wholeNumber(_ key: String, _ value: String, _ range: ClosedRange<Int>) throws -> Int {
            guard let v = Int(value), range.contains(v) else {
                throw APIError(
                    .badRequest, "invalid_request", "\(key): must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return v
        }
        for (key, value) in pairs {
            switch key {
            case "model":
                model = ImplicitJudgments.Model(rawValue: try choice(key, value, ImplicitJudgments.Model.allCases.map(\.rawValue))) ?? model
            case "min_impressions": minImpressions = try wholeNumber(key, value, 1...1_000_000)
            case "sample": sample = try choice(key, value, ["top", "random", "pps"])
            case "n": n = try wholeNumber(key, value, 1...100_000)
            case "seed":
                guard let v = UInt64(value) else { throw APIError(.badRequest, "invalid_request", "seed: must be a whole number") }
                seed = v
            case "format": format = try choice(key, value, ["json", "qrels", "queries"])
            default:
                throw APIError(.badRequest, "invalid_request", "\(key): unknown parameter (known: \(Self.known.joined(separator: ", ")))")
            }
        }
        switch sample {
        case "top": sampling = .top(n)
        case "random": sampling = .random(n, seed: seed)
        case "pps": sampling = .pps(n, seed: seed)
        default: sampling = nil
        }
    }

    func apply(searches: [UBIQuery], events: [UBIEvent]) -> ImplicitJudgments.Result {
        let result = ImplicitJudgments(model: model, minImpressions: minImpressions).derive(searches: searches, events: events)
        return sampling.map { ImplicitJudgments.sample(result, $0) } ?? result
    }
}

struct JudgmentAnswer: Encodable {
    struct Query: Encodable {
        let qid: String
        let query: String
        let intent: String?
        let searches: Int
    }

    let model: String
    let minImpressions: Int
    let searches: Int
    let events: Int
    let unmatchedEvents: Int
    let queries: [Query]
    let judgments: [ImplicitJudgments.Evidence]

    init(_ r: ImplicitJudgments.Result, options: JudgmentOptions) {
        model = options.model.rawValue
        minImpressions = options.minImpressions
        searches = r.searches
        events = r.events
        unmatchedEvents = r.unmatchedEvents
        queries = r.queries.map {
            Query(qid: $0.query.qid, query: $0.query.query, intent: $0.query.intent?.rawValue, searches: $0.searches)
        }
        judgments = r.evidence
    }

    enum CodingKeys: String, CodingKey {
        case model, minImpressions = "min_impressions", searches, events, unmatchedEvents = "unmatched_events", queries, judgments
    }
}
