import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks; build with -c release. Tools/bench/*.sh prepare their data.",
        subcommands: [
            AnalyzerBench.self, SegmentationBench.self, IndexBench.self, SearchBench.self, SupplierBench.self, ZeroResultBench.self,
            SuggestBench.self, ExpansionEvalBench.self, TitleBench.self, CacheBench.self, PeersBench.self, DiversityBench.self,
            ExperimentBench.self,
        ])
}

/// Latency samples in milliseconds.
struct Latencies {
    var samples: [Double] = []

    mutating func time<R>(_ body: () throws -> R) rethrows -> R {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        return try body()
    }

    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    var mean: Double { samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count) }

    var summary: String {
        String(format: "p50 %.2f ms  p99 %.2f ms  mean %.2f ms  (n=%d)", percentile(50), percentile(99), mean, samples.count)
    }
}

/// Prints two latency summaries under `title` and the ratio of the second to the first.
func printPair(
    _ title: String, _ first: (label: String, latencies: Latencies), _ second: (label: String, latencies: Latencies),
    ratio: String, note: String = ""
) {
    print(title)
    let width = max(first.label.count, second.label.count) + 3
    for (label, l) in [first, second] { print("  " + (label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + l.summary) }
    let (a, b) = (first.latencies, second.latencies)
    print(
        String(format: "  ratio %@: p50 %.2f  p99 %.2f", ratio, b.percentile(50) / a.percentile(50), b.percentile(99) / a.percentile(99))
            + note)
}

/// Peak resident memory of this process, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Queries of the Taobao log (qid<TAB>query per line).
func loadQueries(_ path: String, limit: Int) throws -> [String] {
    let text = try readDataFile(path)
    return text.split(whereSeparator: \.isNewline).prefix(limit).compactMap { line in
        line.split(separator: "\t", maxSplits: 1).last.map(String.init)
    }
}

let defaultQueries = "../shared/data/queries/taobao-ecom-train.tsv"

/// A data file a benchmark reads, or a one-line error naming it (the real queries and
/// titles sit beside the repository, not in it).
func readDataFile(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError("\(path) not found: this benchmark reads data that is not part of the repository; pass its path")
    }
    return try String(contentsOfFile: path, encoding: .utf8)
}

func warnIfDebug() {
    #if DEBUG
    note("warning: this is a debug build; benchmark figures need `swift build -c release`")
    #endif
}
