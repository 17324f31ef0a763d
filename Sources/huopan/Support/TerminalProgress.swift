import Foundation
import Synchronization

/// A progress line for long work (`indexing 412,000 / 1,000,000 · 21,300 lines/s · ETA 0:28`),
/// redrawn at most twice a second on standard error when that is a terminal, and silent
/// when it is a pipe or a file (logs and scripts get only the final report).
final class TerminalProgress: Sendable {
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let state = Mutex<(started: Date, drawn: Date, wrote: Bool)>((Date(), .distantPast, false))

    init(_ label: String, unit: String = "lines", enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.unit = unit
        self.enabled = enabled
    }

    /// `done` of `total` so far (callable from any thread).
    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        let now = Date()
        let line: String? = state.withLock { s in
            guard now.timeIntervalSince(s.drawn) >= 0.5 || done == total else { return nil }
            s.drawn = now
            s.wrote = true
            return Self.line(label: label, unit: unit, done: done, total: total, seconds: now.timeIntervalSince(s.started))
        }
        if let line { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
    }

    /// Ends the line so the report starts on a fresh one.
    func finish() {
        if state.withLock({ $0.wrote }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func line(label: String, unit: String, done: Int, total: Int, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\(label) \(done.formatted()) / \(total.formatted()) \(unit)"
        if rate > 0 {
            text += " · \(Int(rate).formatted()) \(unit)/s"
            let left = Int((Double(total - done) / rate).rounded())
            if done < total { text += String(format: " · ETA %d:%02d", left / 60, left % 60) }
        }
        return text
    }
}
