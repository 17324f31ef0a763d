import Foundation

/// The statistics experiment reports rest on, kept to textbook forms an analyst can check.
public enum Significance {
    /// Φ(z), the standard normal distribution function.
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// z of the two-sided 95% interval and of 80% power.
    public static let z95 = 1.959_963_985
    public static let z80 = 0.841_621_234

    /// Two-sided sign test of `wins` against `losses` (ties left out) under "no preference"
    /// (each is a coin toss): `p = min(1, 2 · P[X ≤ min(wins, losses)])`, X ~ Binomial(n, ½).
    /// Exact up to n = 200,000 (terms summed in log space), then the normal approximation
    /// with continuity correction.
    public static func signTest(wins: Int, losses: Int) -> Double {
        let n = wins + losses
        guard n > 0 else { return 1 }
        let k = min(wins, losses)
        if n > 200_000 {
            let z = (Double(n) / 2 - Double(k) - 0.5) / (Double(n).squareRoot() / 2)
            return min(1, 2 * (1 - normalCDF(z)))
        }
        // log C(n, i) · 2⁻ⁿ, term by term: C(n, i+1) = C(n, i) · (n − i) / (i + 1).
        var logTerm = Double(n) * log(0.5)
        var total = exp(logTerm)
        for i in 0..<k {
            logTerm += log(Double(n - i)) - log(Double(i + 1))
            total += exp(logTerm)
        }
        return min(1, 2 * total)
    }

    /// A mean with its standard error and 95% interval (normal approximation).
    public struct Interval: Codable, Sendable, Hashable {
        public var mean: Double
        public var standardError: Double
        public var low: Double
        public var high: Double

        enum CodingKeys: String, CodingKey { case mean, standardError = "standard_error", low, high }
    }

    /// The mean of values given by their count, sum and sum of squares; the standard error
    /// uses the sample variance.
    public static func interval(n: Int, sum: Double, sumOfSquares: Double) -> Interval {
        guard n > 0 else { return Interval(mean: 0, standardError: 0, low: 0, high: 0) }
        let mean = sum / Double(n)
        let variance = n > 1 ? max(0, (sumOfSquares - Double(n) * mean * mean) / Double(n - 1)) : 0
        let se = (variance / Double(n)).squareRoot()
        return Interval(mean: mean, standardError: se, low: mean - z95 * se, high: mean + z95 * se)
    }

    /// Wilson's 95% score interval for a proportion `p` of `n` trials: unlike the normal
    /// interval it is not empty at 0 or 1 and stays inside [0, 1] on a few dozen samples.
    public static func wilson(_ p: Double, n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let z2 = z95 * z95, nn = Double(n)
        let centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let half = z95 * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / (1 + z2 / nn)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Two-sided p of Welch's test that two means differ (normal reference: experiments
    /// have hundreds of samples per arm or are too small to decide anyway). Fewer than two
    /// samples in an arm, or no spread at all, decide nothing: p = 1.
    public static func welch(_ a: Interval, _ b: Interval, counts: (Int, Int)) -> Double {
        let se = (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot()
        guard counts.0 >= 2, counts.1 >= 2, se > 0 else { return 1 }
        return min(1, 2 * (1 - normalCDF(abs(b.mean - a.mean) / se)))
    }

    /// Samples needed to tell a mean `effect` away from zero, two-sided α = 0.05 with 80%
    /// power, when one sample has standard deviation `sd`: `((z95 + z80) · sd / effect)²`.
    public static func samplesNeeded(effect: Double, sd: Double) -> Int? {
        guard abs(effect) > 1e-12, sd > 0 else { return nil }
        let n = pow((z95 + z80) * sd / abs(effect), 2)
        return n < 1e12 ? Int(n.rounded(.up)) : nil
    }
}
