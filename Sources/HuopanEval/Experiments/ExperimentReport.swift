import Foundation
import HuopanRanking

/// What an experiment's searches and their behaviour events say, read from the search log
/// and the events (`GET /v1/experiments/{name}`).
///
/// **Credit.** In one search, an offer earns the weight of the deepest action taken on it:
/// click 1, add to the purchase list 2, inquiry (询盘) 2, order 3.
///
/// **Interleaving.** Each search shown is one impression. The treatment wins an impression
/// when the offers it contributed earned more credit than the control's, loses when they
/// earned less, and ties when both earned the same non-zero credit; impressions without
/// any action say nothing. With score 1 for a win, ½ for a tie and 0 for a loss over the
/// impressions with actions, the preference is `mean − ½` (Chapelle et al., "Large-scale
/// validation and analysis of interleaved search evaluation", 2012): positive favours the
/// treatment. The p-value is the two-sided sign test of wins against losses, and the 95%
/// interval is Wilson's for wins among wins and losses carried to the preference's scale, so
/// the two agree (ties count in neither).
///
/// **A/B.** Each arm's credit per search, with the difference (treatment − control), its
/// interval and Welch's p.
///
/// **When to stop.** `impressions_needed` is how many impressions in all would detect the
/// preference seen so far with 80% power at α = 0.05; the decision is the arm that is
/// better at p < 0.05, else `no_difference_yet`.
public struct ExperimentReport: Encodable, Sendable {
    public var experiment: Experiment
    /// Searches served in the experiment.
    public var impressions: Int
    /// Searches in which the buyer acted on a hit.
    public var withActions: Int
    public var interleaving: Outcome?
    public var ab: Split?
    /// Per buyer intent ("none" for searches without one).
    public var perIntent: [String: Summary]
    public var decision: Decision
    public var impressionsNeeded: Int?
    /// The running figures, cumulative, at up to 24 points over the experiment's searches.
    public var timeline: [Point]

    public enum Decision: String, Encodable, Sendable {
        case treatmentBetter = "treatment_better"
        case controlBetter = "control_better"
        case noDifferenceYet = "no_difference_yet"
    }

    /// Interleaving outcome over some impressions.
    public struct Outcome: Encodable, Sendable, Hashable {
        public var impressions = 0
        public var wins = 0
        public var losses = 0
        public var ties = 0
        public var preference = 0.0
        public var ci95 = [0.0, 0.0]
        public var pValue = 1.0

        enum CodingKeys: String, CodingKey {
            case impressions, wins, losses, ties, preference, ci95 = "ci95", pValue = "p_value"
        }
    }

    /// One arm of an A/B split.
    public struct ArmFigures: Encodable, Sendable, Hashable {
        public var impressions = 0
        public var withActions = 0
        public var clicks = 0
        public var conversions = 0
        public var orders = 0
        public var creditPerSearch = 0.0

        enum CodingKeys: String, CodingKey {
            case impressions, withActions = "with_actions", clicks, conversions, orders, creditPerSearch = "credit_per_search"
        }
    }

    public struct Split: Encodable, Sendable, Hashable {
        public var control: ArmFigures
        public var treatment: ArmFigures
        /// Treatment − control credit per search.
        public var difference: Double
        public var ci95: [Double]
        public var pValue: Double

        enum CodingKeys: String, CodingKey { case control, treatment, difference, ci95 = "ci95", pValue = "p_value" }
    }

    /// The headline figures of a slice: the preference (interleaving) or the difference (A/B).
    public struct Summary: Encodable, Sendable, Hashable {
        public var impressions: Int
        public var wins: Int?
        public var losses: Int?
        public var ties: Int?
        public var effect: Double
        public var ci95: [Double]
        public var pValue: Double

        enum CodingKeys: String, CodingKey { case impressions, wins, losses, ties, effect, ci95 = "ci95", pValue = "p_value" }
    }

    public struct Point: Encodable, Sendable, Hashable {
        /// Time of the last search counted.
        public var at: String
        public var impressions: Int
        public var effect: Double
        public var ci95: [Double]
        public var pValue: Double

        enum CodingKeys: String, CodingKey { case at, impressions, effect, ci95 = "ci95", pValue = "p_value" }
    }

    enum CodingKeys: String, CodingKey {
        case experiment, impressions, withActions = "with_actions", interleaving, ab, perIntent = "per_intent", decision
        case impressionsNeeded = "impressions_needed", timeline
    }

    /// The weight of an action in a search's credit.
    public static func weight(_ action: UBIEvent.Action) -> Double {
        switch action {
        case .impression: 0
        case .click: 1
        case .addToCart, .inquiry: 2
        case .order: 3
        }
    }

    /// The report of `experiment` from the whole search log and event log.
    public static func build(_ experiment: Experiment, searches: [UBIQuery], events: [UBIEvent], points: Int = 24) -> ExperimentReport {
        let mine = searches.filter { $0.queryAttributes.experiment?.name == experiment.name }.sorted { $0.timestamp < $1.timestamp }
        let ids = Set(mine.map(\.queryId))
        // Per search, per offer: the deepest action's weight.
        var credit: [String: [String: Double]] = [:]
        var acted: [String: [UBIEvent.Action: Int]] = [:]
        for e in events where ids.contains(e.queryId) {
            let w = weight(e.actionName)
            guard w > 0 else { continue }
            credit[e.queryId, default: [:]][e.objectId] = max(credit[e.queryId]?[e.objectId] ?? 0, w)
            acted[e.queryId, default: [:]][e.actionName, default: 0] += 1
        }
        var tally = Tally(method: experiment.method)
        var intents: [String: Tally] = [:]
        var timeline: [Point] = []
        let step = max(1, (mine.count + points - 1) / max(1, points))
        for (i, s) in mine.enumerated() {
            let c = credit[s.queryId] ?? [:]
            let outcome = Tally.Sample(search: s, credit: c, actions: acted[s.queryId] ?? [:])
            tally.add(outcome)
            intents[s.queryAttributes.intent ?? "none", default: Tally(method: experiment.method)].add(outcome)
            if (i + 1) % step == 0 || i == mine.count - 1 {
                let summary = tally.summary
                timeline.append(
                    Point(at: s.timestamp, impressions: i + 1, effect: summary.effect, ci95: summary.ci95, pValue: summary.pValue))
            }
        }
        let summary = tally.summary
        var decision = Decision.noDifferenceYet
        if summary.pValue < 0.05 { decision = summary.effect > 0 ? .treatmentBetter : .controlBetter }
        var needed: Int?
        if let perSample = Significance.samplesNeeded(effect: summary.effect, sd: tally.standardDeviation) {
            // The test counts only the impressions with actions (interleaving) or every search
            // of both arms (A/B: per arm, so twice).
            switch experiment.method {
            case .interleaving:
                let rate = Double(tally.withActions) / Double(max(1, tally.impressions))
                needed = rate > 0 ? Int((Double(perSample) / rate).rounded(.up)) : nil
            case .ab:
                needed = 2 * 2 * perSample
            }
        }
        return ExperimentReport(
            experiment: experiment, impressions: tally.impressions, withActions: tally.withActions,
            interleaving: experiment.method == .interleaving ? tally.outcome : nil,
            ab: experiment.method == .ab ? tally.split : nil,
            perIntent: intents.mapValues(\.summary), decision: decision, impressionsNeeded: needed, timeline: timeline)
    }
}

/// Running sums behind a report.
struct Tally {
    let method: Experiment.Method
    var impressions = 0
    var withActions = 0
    /// Impressions, wins, losses and ties; `outcome` adds the statistics.
    var counts = ExperimentReport.Outcome()
    // Interleaving: the per-impression score (1, ½, 0) over impressions with actions.
    var scoreSum = 0.0, scoreSquares = 0.0
    // A/B: per arm, the per-search credit.
    var arms: [Experiment.Arm: (figures: ExperimentReport.ArmFigures, sum: Double, squares: Double)] = [
        .control: (.init(), 0, 0), .treatment: (.init(), 0, 0),
    ]

    init(method: Experiment.Method) { self.method = method }

    struct Sample {
        var arm: Experiment.Arm?
        var credit = (control: 0.0, treatment: 0.0)
        var total = 0.0
        var actions: [UBIEvent.Action: Int]

        init(search s: UBIQuery, credit: [String: Double], actions: [UBIEvent.Action: Int]) {
            self.actions = actions
            let exposure = s.queryAttributes.experiment
            arm = exposure.flatMap { Experiment.Arm(rawValue: $0.arm) }
            for (i, id) in s.queryResponseHitIds.enumerated() {
                let w = credit[id] ?? 0
                total += w
                if let teams = exposure?.teams, i < teams.count {
                    if teams[i] == Experiment.Arm.treatment.rawValue { self.credit.treatment += w } else { self.credit.control += w }
                }
            }
        }
    }

    mutating func add(_ s: Sample) {
        impressions += 1
        if s.total > 0 { withActions += 1 }
        switch method {
        case .interleaving:
            counts.impressions += 1
            guard s.total > 0 else { return }
            let score: Double
            if s.credit.treatment > s.credit.control {
                counts.wins += 1
                score = 1
            } else if s.credit.treatment < s.credit.control {
                counts.losses += 1
                score = 0
            } else {
                counts.ties += 1
                score = 0.5
            }
            scoreSum += score
            scoreSquares += score * score
        case .ab:
            guard let arm = s.arm else { return }
            var a = arms[arm]!
            a.figures.impressions += 1
            if s.total > 0 { a.figures.withActions += 1 }
            a.figures.clicks += s.actions[.click] ?? 0
            a.figures.conversions += (s.actions[.inquiry] ?? 0) + (s.actions[.addToCart] ?? 0) + (s.actions[.order] ?? 0)
            a.figures.orders += s.actions[.order] ?? 0
            a.sum += s.total
            a.squares += s.total * s.total
            a.figures.creditPerSearch = a.sum / Double(a.figures.impressions)
            arms[arm] = a
        }
    }

    func armInterval(_ arm: Experiment.Arm) -> Significance.Interval {
        let a = arms[arm]!
        return Significance.interval(n: a.figures.impressions, sum: a.sum, sumOfSquares: a.squares)
    }

    /// The interleaving outcome with its preference, interval and p-value, worked out on
    /// demand (the exact sign test costs O(min(wins, losses)); per impression it would make a
    /// report quadratic). Wilson's interval is taken on wins among wins and losses, as the
    /// sign test counts them, and carried to the preference's scale: with N impressions with
    /// actions, preference = (W + T/2)/N − ½ = (W/(W+L) − ½) · (W+L)/N.
    var outcome: ExperimentReport.Outcome {
        var o = counts
        let n = Double(max(1, withActions)), decided = o.wins + o.losses
        o.preference = withActions == 0 ? 0 : scoreSum / n - 0.5
        let (low, high) = decided > 0 ? Significance.wilson(Double(o.wins) / Double(decided), n: decided) : (0, 1)
        let scale = Double(decided) / n
        o.ci95 = withActions == 0 ? [-0.5, 0.5] : [(low - 0.5) * scale, (high - 0.5) * scale]
        o.pValue = Significance.signTest(wins: o.wins, losses: o.losses)
        return o
    }

    var split: ExperimentReport.Split {
        let c = armInterval(.control), t = armInterval(.treatment)
        let d = t.mean - c.mean
        let se = (c.standardError * c.standardError + t.standardError * t.standardError).squareRoot()
        return ExperimentReport.Split(
            control: arms[.control]!.figures, treatment: arms[.treatment]!.figures, difference: d,
            ci95: [d - Significance.z95 * se, d + Significance.z95 * se],
            pValue: Significance.welch(c, t, counts: (arms[.control]!.figures.impressions, arms[.treatment]!.figures.impressions)))
    }

    /// The standard deviation of one sample of the test statistic.
    var standardDeviation: Double {
        switch method {
        case .interleaving:
            let i = Significance.interval(n: withActions, sum: scoreSum, sumOfSquares: scoreSquares)
            return i.standardError * Double(withActions).squareRoot()
        case .ab:
            let c = armInterval(.control), t = armInterval(.treatment)
            let sc = c.standardError * Double(arms[.control]!.figures.impressions).squareRoot()
            let st = t.standardError * Double(arms[.treatment]!.figures.impressions).squareRoot()
            return max(sc, st)
        }
    }

    var summary: ExperimentReport.Summary {
        switch method {
        case .interleaving:
            let outcome = self.outcome
            return ExperimentReport.Summary(
                impressions: impressions, wins: outcome.wins, losses: outcome.losses, ties: outcome.ties, effect: outcome.preference,
                ci95: outcome.ci95, pValue: outcome.pValue)
        case .ab:
            let s = split
            return ExperimentReport.Summary(
                impressions: impressions, wins: nil, losses: nil, ties: nil, effect: s.difference, ci95: s.ci95, pValue: s.pValue)
        }
    }
}
