import Foundation
import HuopanCatalog
import HuopanIndex
import HuopanRanking
import HuopanText

/// Live experiments in the search path. A search takes part in a running experiment when
/// it names its caller (`client_id`, else `session_id`), the caller's hash falls in the
/// experiment's share, it is ranked by relevance, and the profile it resolves to is the
/// experiment's control. Interleaving mixes the first page of both rankings; later pages are
/// the control's, so a buyer who pages on may meet an offer of the mixed first page again, or
/// miss one the control ranked there (mixing later pages too is not built). An A/B arm ranks
/// every page with its profile. Each ranking goes through the result cache on its own,
/// so a repeated query costs two lookups, not two searches.
extension Engine {
    /// The experiment `request` takes part in and how, or nil.
    func experimentSlot(for request: SearchRequest, profiles: ProfileSet) throws -> (Experiment, Experiment.Assignment)? {
        guard request.sort == .relevance, let client = request.clientId ?? request.sessionId else { return nil }
        let running = self.profiles.runningExperiments
        guard !running.isEmpty else { return nil }
        let assigned = running.compactMap { e in e.assignment(client: client).map { (e, $0) } }
        guard !assigned.isEmpty else { return nil }
        // The profile the search would be ranked by, as the planner picks it.
        let resolved = try request.profile ?? offers.plan(request, profiles: profiles).profile.name
        return assigned.first { $0.0.control == resolved }
    }

    func searchInExperiment(
        _ request: SearchRequest, _ experiment: Experiment, _ assignment: Experiment.Assignment, profiles: ProfileSet, revision: Int,
        deadline: Deadline
    ) throws -> (response: SearchResponse, cached: Bool) {
        var set = profiles
        if var draft = experiment.treatmentDraft {
            draft.name = experiment.treatmentName
            set.set(draft)
        }
        var control = request, treatment = request
        control.profile = experiment.control
        treatment.profile = experiment.treatmentName
        switch assignment {
        case .arm(let arm):
            var (response, cached) = try cachedSearch(
                arm == .control ? control : treatment, profiles: set, revision: revision, deadline: deadline)
            response.experiment = ExperimentExposure(name: experiment.name, arm: arm.rawValue)
            return (response, cached)
        case .interleaved:
            guard request.page == 1 else {
                return try cachedSearch(control, profiles: set, revision: revision, deadline: deadline)
            }
            let (a, aCached) = try cachedSearch(control, profiles: set, revision: revision, deadline: deadline)
            let (b, bCached) = try cachedSearch(treatment, profiles: set, revision: revision, deadline: deadline)
            // The same client sees the same mix for the same query on every visit.
            var rng = SeededRandom(
                seed: FNV1a.hash("\(experiment.name)\u{1F}\(request.clientId ?? request.sessionId ?? "")\u{1F}\(request.q)"))
            let mixed = TeamDraft.interleave(a.hits.map(\.id), b.hits.map(\.id), length: request.size, using: &rng)
            var byID: [String: SearchHit] = [:]
            for hit in b.hits { byID[hit.id] = hit }
            for hit in a.hits { byID[hit.id] = hit }
            var response = a
            response.hits = mixed.enumerated().compactMap { i, pick in
                guard var hit = byID[pick.id] else { return nil }
                hit.rank = i + 1
                return hit
            }
            response.total = max(a.total, b.total)
            response.experiment = ExperimentExposure(name: experiment.name, arm: "interleaved", teams: mixed.map(\.arm.rawValue))
            return (response, aCached && bCached)
        }
    }
}
