import Foundation

/// Hands out analyzers to concurrent callers. An `Analyzer` holds ICU state and
/// must be used by one thread at a time; the pool guarantees each caller an
/// analyzer of its own for the duration of `withAnalyzer`, which is why it can
/// be shared across threads (`@unchecked Sendable`, guarded by `lock`).
public final class AnalyzerPool: @unchecked Sendable {
    public let lexicon: Lexicon
    private let lock = NSLock()
    private var idle: [Analyzer] = []

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    public func withAnalyzer<R>(_ body: (Analyzer) throws -> R) throws -> R {
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        let analyzer = try taken ?? Analyzer(lexicon: lexicon)
        defer {
            lock.lock()
            if idle.count < 64 { idle.append(analyzer) }
            lock.unlock()
        }
        return try body(analyzer)
    }
}
