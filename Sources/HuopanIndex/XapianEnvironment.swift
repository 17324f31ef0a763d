import Foundation

/// Process-wide Xapian settings that only exist as environment variables.
public enum XapianEnvironment {
    /// Sets Xapian's automatic flush threshold (default 10,000 documents) for a bulk build.
    /// Xapian buffers postings in ordered maps until a flush; with ~90 term occurrences an
    /// offer those maps grow deep, and inserting into them was a third of the build. Small
    /// batches keep them shallow: 3,000 built 100k offers in half the time of 200,000 (and
    /// faster than 1,000 or 6,000) on a 2-core machine. Call once at start-up, before any
    /// thread opens a database; an explicit XAPIAN_FLUSH_THRESHOLD in the environment wins.
    public static func configureForBulkBuild(threshold: Int = 3_000) {
        setenv("XAPIAN_FLUSH_THRESHOLD", String(threshold), 0)
    }
}
