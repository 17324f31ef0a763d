import Foundation

/// Process-wide Xapian settings that only exist as environment variables.
public enum XapianEnvironment {
    /// Raises Xapian's automatic flush threshold (default 10,000 documents) for
    /// a bulk build, so scratch databases flush in larger batches. Call once at
    /// start-up, before any thread opens a database; an explicit
    /// XAPIAN_FLUSH_THRESHOLD in the environment wins.
    public static func configureForBulkBuild(threshold: Int = 200_000) {
        setenv("XAPIAN_FLUSH_THRESHOLD", String(threshold), 0)
    }
}
