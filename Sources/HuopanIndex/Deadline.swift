import Foundation

/// The moment a piece of work must stop, on the monotonic clock (CLOCK_MONOTONIC, the
/// clock the Xapian shim reads too). A request carries one from the moment it arrives;
/// every step that can take long checks it: the matcher through the shim, rescoring every
/// few hundred candidates, retries before they start.
public struct Deadline: Sendable, Hashable, Comparable {
    /// Nanoseconds on CLOCK_MONOTONIC; `Int64.max` for no deadline.
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let none = Deadline(nanoseconds: .max)

    /// `seconds` from now.
    public static func after(seconds: Double) -> Deadline {
        let delta = seconds * 1e9
        guard delta.isFinite, delta < Double(Int64.max / 2) else { return .none }
        return Deadline(nanoseconds: now() + Int64(max(0, delta)))
    }

    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    public var isNone: Bool { nanoseconds == .max }
    public var hasPassed: Bool { !isNone && Self.now() > nanoseconds }
    /// Seconds left (negative once passed); infinity for no deadline.
    public var remaining: Double { isNone ? .infinity : Double(nanoseconds - Self.now()) / 1e9 }

    /// Throws `DeadlineExceeded` once the deadline has passed.
    public func check() throws(DeadlineExceeded) {
        if hasPassed { throw DeadlineExceeded() }
    }

    public static func < (a: Deadline, b: Deadline) -> Bool { a.nanoseconds < b.nanoseconds }
}

/// Work stopped because its deadline passed; nothing it would have returned is complete.
public struct DeadlineExceeded: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "the request took longer than its deadline" }
}
