import Foundation
import HuopanCatalog

/// One experiment change in the profile history: who started, stopped or concluded which
/// experiment, and the experiment as it stood afterwards.
public struct ExperimentEntry: Codable, Sendable, Hashable {
    public enum Action: String, Codable, Sendable {
        case start = "experiment_start"
        case stop = "experiment_stop"
        case conclude = "experiment_conclude"
    }

    public var action: Action
    public var author: String
    public var at: String
    public var experiment: Experiment
}

extension ProfileStore {
    /// Refuses a change to `profile` while an experiment runs on it: the experiment's draft
    /// was written over the control as it was, and its evidence is about that control.
    func refuseWhileExperimenting(_ s: State, _ profile: String) throws {
        if let e = s.experiments.values.first(where: { $0.status == .running && $0.control == profile }) {
            throw ProfileStoreError.experimentConflict(
                "experiment \"\(e.name)\" is running on profile \"\(profile)\"; stop or conclude it before changing the profile")
        }
    }

    /// Experiments running at once, at most (each costs a second ranking per search it serves).
    public static let maxRunningExperiments = 8

    /// Every experiment, in the order they started.
    public var experiments: [Experiment] {
        state.withLock { s in s.experimentOrder.compactMap { s.experiments[$0] } }
    }

    public func experiment(_ name: String) -> Experiment? { state.withLock { $0.experiments[name] } }

    /// The running experiments; searches consult this, so it is one lock and a filter.
    public var runningExperiments: [Experiment] {
        state.withLock { s in s.experimentOrder.compactMap { s.experiments[$0] }.filter { $0.status == .running } }
    }

    /// The experiment entries of the history whose control is `profile`, oldest first.
    public func experimentHistory(_ profile: String) -> [ExperimentEntry] {
        state.withLock { s in s.experimentEntries.filter { $0.experiment.control == profile } }
    }

    /// Starts `experiment` (recorded in the history before it serves a search). Its name must
    /// be new, its control a published offer profile with no other experiment running, and a
    /// named treatment a published offer profile.
    public func startExperiment(_ experiment: Experiment, author: String) throws -> Experiment {
        if let issue = experiment.validate().first { throw ProfileStoreError.invalid(issue) }
        return try state.withLock { s in
            guard s.experiments[experiment.name] == nil else {
                throw ProfileStoreError.experimentConflict("an experiment named \"\(experiment.name)\" exists; names are never reused")
            }
            guard let control = s.current.profile(named: experiment.control) else { throw ProfileStoreError.unknown(experiment.control) }
            guard control.target == .offers else {
                throw ProfileStoreError.invalid(FieldIssue(field: "control", reason: "\"\(control.name)\" ranks suppliers, not offers"))
            }
            if let t = experiment.treatmentProfile {
                guard let treatment = s.current.profile(named: t) else { throw ProfileStoreError.unknown(t) }
                guard treatment.target == .offers else {
                    throw ProfileStoreError.invalid(FieldIssue(field: "treatment", reason: "\"\(t)\" ranks suppliers, not offers"))
                }
            }
            let running = s.experiments.values.filter { $0.status == .running }
            if let other = running.first(where: { $0.control == experiment.control }) {
                throw ProfileStoreError.experimentConflict(
                    "experiment \"\(other.name)\" is already running on profile \"\(experiment.control)\"; stop it first")
            }
            guard running.count < Self.maxRunningExperiments else {
                throw ProfileStoreError.experimentConflict(
                    "\(running.count) experiments are running; at most \(Self.maxRunningExperiments)")
            }
            var started = experiment
            started.status = .running
            started.startedAt = Self.now()
            started.startedBy = author
            started.endedAt = nil
            started.winner = nil
            started.publishedVersion = nil
            let entry = ExperimentEntry(action: .start, author: author, at: started.startedAt, experiment: started)
            try write(entry)
            s.apply(entry)
            return started
        }
    }

    /// Stops a running experiment: its clients get the control again; its evidence stays.
    public func stopExperiment(_ name: String, author: String) throws -> Experiment {
        try state.withLock { s in
            guard var e = s.experiments[name] else { throw ProfileStoreError.unknownExperiment(name) }
            guard e.status == .running else { throw ProfileStoreError.experimentConflict("experiment \"\(name)\" is \(e.status.rawValue)") }
            e.status = .stopped
            e.endedAt = Self.now()
            let entry = ExperimentEntry(action: .stop, author: author, at: e.endedAt!, experiment: e)
            try write(entry)
            s.apply(entry)
            return e
        }
    }

    /// Ends an experiment (running or stopped) with `winner`. A winning treatment's weights
    /// and knobs are published as a new version of the control, so the control's traffic
    /// gets them; a winning control changes nothing. Returns that version, if any.
    public func concludeExperiment(
        _ name: String, winner: Experiment.Arm, author: String
    ) throws -> (
        experiment: Experiment, published: ProfileVersion?
    ) {
        try state.withLock { s in
            guard var e = s.experiments[name] else { throw ProfileStoreError.unknownExperiment(name) }
            guard e.status != .concluded else { throw ProfileStoreError.experimentConflict("experiment \"\(name)\" is already concluded") }
            var published: ProfileVersion?
            if winner == .treatment {
                guard var profile = e.treatmentDraft ?? e.treatmentProfile.flatMap({ s.current.profile(named: $0) }) else {
                    throw ProfileStoreError.unknown(e.treatmentName)
                }
                guard let control = s.current.profile(named: e.control) else { throw ProfileStoreError.unknown(e.control) }
                // The control keeps its name and the traffic it is chosen for.
                profile.name = control.name
                profile.intent = control.intent
                profile.channel = control.channel
                if let issue = profile.validate().first { throw ProfileStoreError.invalid(issue) }
                published = try appendVersion(
                    &s, name: e.control, action: .publish, author: author, profile: profile, restored: nil, experiment: name)
            }
            e.status = .concluded
            e.winner = winner
            e.publishedVersion = published?.version
            e.endedAt = e.endedAt ?? Self.now()
            let entry = ExperimentEntry(action: .conclude, author: author, at: Self.now(), experiment: e)
            if published != nil {
                // The winner is live and on disk: the experiment is over whatever happens to
                // this entry, as a reopened store would find (`settleInterruptedConclusions`).
                s.apply(entry)
                try write(entry)
            } else {
                try write(entry)
                s.apply(entry)
            }
            return (e, published)
        }
    }
}
