import HuopanCatalog

/// Draws an index with probability proportional to its weight (cumulative sums and a
/// binary search: O(log n) a draw, deterministic for a given random state).
struct WeightedChoice: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map { w in
            sum += max(0, w)
            return sum
        }
    }

    var isEmpty: Bool { cumulative.isEmpty || cumulative.last! <= 0 }

    func draw(_ rng: inout SeededRandom) -> Int {
        let target = rng.unit() * cumulative.last!
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
