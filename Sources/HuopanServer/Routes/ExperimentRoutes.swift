import Foundation
import Hummingbird
import HuopanCatalog
import HuopanEval
import HuopanIndex
import HuopanRanking

/// Live experiments: start, stop and conclude (admin; each is an entry in the control
/// profile's history), and the reports read from the search and event logs (operator).
struct ExperimentRoutes: Sendable {
    let service: HuopanService

    /// `POST /v1/experiments`: the experiment to start.
    struct StartBody {
        static let fields: Set<String> = ["name", "method", "control", "treatment", "share"]

        /// Reads the body: `treatment` is a published profile's name, or a draft written as
        /// changes to the control (as a preview takes it).
        static func experiment(_ body: JSONValue, profiles: ProfileSet) throws -> Experiment {
            let f = try JSONFields(body)
            try f.rejectUnknown(fields)
            guard let name = try f.string("name") else { throw FieldIssue(field: "name", reason: "is required") }
            guard let control = try f.string("control") else { throw FieldIssue(field: "control", reason: "is required") }
            var e = Experiment(
                name: name, method: try f.enumValue("method", Experiment.Method.self) ?? .interleaving, control: control,
                share: try f.double("share") ?? 0.1)
            switch f.raw("treatment") {
            case .string(let profile)?:
                e.treatmentProfile = profile
            case .object(let members)?:
                guard let base = profiles.profile(named: control) else { throw ProfileStoreError.unknown(control) }
                var changes = JSONValue.object(members)
                if changes["name"] == nil { changes = changes.merging(.object([("name", .string(control))])) }
                do {
                    e.treatmentDraft = try RankingProfile.draft(changes, over: base)
                } catch {
                    throw FieldIssue(field: "treatment.\(error.field)", reason: error.reason)
                }
            case let other?:
                throw FieldIssue(field: "treatment", reason: "expected a profile name or a draft object, got \(other.kindName)")
            case nil:
                throw FieldIssue(field: "treatment", reason: "is required: a published profile's name or a draft object")
            }
            if let issue = e.validate().first { throw issue }
            return e
        }
    }

    struct ConcludeBody: Decodable {
        let winner: Experiment.Arm?

        enum CodingKeys: String, CodingKey, CaseIterable { case winner }

        init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.self)
            winner = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Experiment.Arm.self, forKey: .winner)
        }
    }

    /// One line of `GET /v1/experiments`.
    struct Listed: Encodable {
        let experiment: Experiment
        let impressions: Int
        let effect: Double
        let pValue: Double
        let decision: ExperimentReport.Decision

        enum CodingKeys: String, CodingKey { case experiment, impressions, effect, pValue = "p_value", decision }
    }

    func register(_ groups: RouteGroups) {
        let service = self.service
        groups.admin.post("/v1/experiments") { request, context in
            guard service.behaviour != nil else {
                throw APIError(
                    .conflict, "behaviour_log_off",
                    "behaviour logging is off on this server (behaviour_log_mb is 0): an experiment would gather no evidence")
            }
            let body = try await request.decodeJSON(JSONValue.self, limit: service.configuration.maxJSONBytes, deadline: context.deadline)
            let experiment = try StartBody.experiment(body, profiles: service.engine.profiles.current)
            let author = context.author
            let started = try await service.write(deadline: context.deadline) {
                try service.engine.profiles.startExperiment(experiment, author: author)
            }
            service.logger.notice(
                "experiment started",
                metadata: [
                    "experiment": "\(started.name)", "control": "\(started.control)", "treatment": "\(started.treatmentName)",
                    "by": "\(author)",
                ])
            return try json(started, status: .created)
        }
        groups.admin.post("/v1/experiments/{name}/stop") { _, context in
            let name = try context.parameters.require("name")
            let author = context.author
            let stopped = try await service.write(deadline: context.deadline) {
                try service.engine.profiles.stopExperiment(name, author: author)
            }
            service.logger.notice("experiment stopped", metadata: ["experiment": "\(name)", "by": "\(author)"])
            return try json(stopped)
        }
        groups.admin.post("/v1/experiments/{name}/conclude") { request, context in
            let name = try context.parameters.require("name")
            let body = try await request.body(limit: service.configuration.maxJSONBytes, deadline: context.deadline)
            var winner: Experiment.Arm?
            if !body.isEmpty {
                do {
                    winner = try JSONDecoder().decode(ConcludeBody.self, from: body).winner
                } catch {
                    throw APIError(
                        .badRequest, "invalid_json",
                        FieldIssue(decoding: body, error: error) { _ = try JSONDecoder().decode(ConcludeBody.self, from: $0) }.description)
                }
            }
            guard let experiment = service.engine.profiles.experiment(name) else {
                throw APIError(.notFound, "not_found", "unknown experiment \"\(name)\"")
            }
            if winner == nil {
                // No winner named: the evidence must name one.
                let report = try await report(experiment, deadline: context.deadline)
                switch report.decision {
                case .treatmentBetter: winner = .treatment
                case .controlBetter: winner = .control
                case .noDifferenceYet:
                    throw APIError(
                        .conflict, "no_decision",
                        "no arm is better at p < 0.05 yet (p = \(String(format: "%.3g", report.interleaving?.pValue ?? report.ab?.pValue ?? 1)), \(report.impressions) impressions); wait for more evidence or name the winner"
                    )
                }
            }
            let (author, chosen) = (context.author, winner!)
            let (concluded, published) = try await service.write(deadline: context.deadline) {
                try service.engine.profiles.concludeExperiment(name, winner: chosen, author: author)
            }
            service.logger.notice(
                "experiment concluded",
                metadata: [
                    "experiment": "\(name)", "winner": "\(chosen.rawValue)", "published": "\(published?.version ?? 0)", "by": "\(author)",
                ])
            return try json(["experiment": AnyEncodable(concluded), "published": AnyEncodable(published)])
        }
        groups.evaluation.get("/v1/experiments") { _, context in
            let experiments = service.engine.profiles.experiments
            let reports = try await reports(experiments, deadline: context.deadline)
            let listed = reports.map {
                Listed(
                    experiment: $0.experiment, impressions: $0.impressions,
                    effect: $0.interleaving?.preference ?? $0.ab?.difference ?? 0, pValue: $0.interleaving?.pValue ?? $0.ab?.pValue ?? 1,
                    decision: $0.decision)
            }
            return try json(["experiments": listed])
        }
        groups.evaluation.get("/v1/experiments/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let experiment = service.engine.profiles.experiment(name) else {
                throw APIError(.notFound, "not_found", "unknown experiment \"\(name)\"")
            }
            return try json(try await report(experiment, deadline: context.deadline))
        }
    }

    private func report(_ experiment: Experiment, deadline: Deadline) async throws -> ExperimentReport {
        try await reports([experiment], deadline: deadline)[0]
    }

    /// Reports read from one pass over the logs, on the operator queue.
    private func reports(_ experiments: [Experiment], deadline: Deadline) async throws -> [ExperimentReport] {
        guard let behaviour = service.behaviour else {
            return experiments.map { ExperimentReport.build($0, searches: [], events: []) }
        }
        guard !experiments.isEmpty else { return [] }
        return try await service.operate(deadline: deadline) {
            try behaviour.flush()
            let (searches, events) = try BehaviourLog.read(directory: behaviour.directory)
            // One pass over each log, whatever the number of experiments.
            var searchesOf: [String: [UBIQuery]] = [:], eventsOf: [String: [UBIEvent]] = [:], experimentOf: [String: String] = [:]
            for s in searches {
                guard let name = s.queryAttributes.experiment?.name else { continue }
                searchesOf[name, default: []].append(s)
                experimentOf[s.queryId] = name
            }
            for e in events {
                if let name = experimentOf[e.queryId] { eventsOf[name, default: []].append(e) }
            }
            return experiments.map {
                ExperimentReport.build($0, searches: searchesOf[$0.name] ?? [], events: eventsOf[$0.name] ?? [])
            }
        }
    }
}
