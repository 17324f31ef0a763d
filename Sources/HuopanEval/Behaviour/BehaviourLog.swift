import Foundation
import HuopanStorage
import Synchronization

/// The search log and the behaviour events of a server, as two rotating logs in one
/// directory (`queries-NNNNNN.jsonl` and `events-NNNNNN.jsonl`, one JSON record a line):
/// what the server writes on every search and every accepted event, and what
/// `huopan judgments --from-events` and `GET /v1/judgments/implicit` read.
public final class BehaviourLog: Sendable {
    public let directory: URL
    private let queries: RotatingLog
    private let events: RotatingLog
    private let recent: Mutex<RecentIDs>
    private let encoder: JSONEncoder

    /// The query ids of the most recent searches, to tell an event's unknown query id.
    struct RecentIDs {
        var ring: [String] = []
        var next = 0
        var set: Set<String> = []
        let capacity: Int

        mutating func insert(_ id: String) {
            if ring.count < capacity {
                ring.append(id)
            } else {
                set.remove(ring[next])
                ring[next] = id
                next = (next + 1) % capacity
            }
            set.insert(id)
        }
    }

    /// `limits` applies to each of the two logs; `rememberedQueries` bounds the query ids kept
    /// in memory to check events against.
    public init(directory: URL, limits: RotatingLog.Limits = .init(), rememberedQueries: Int = 200_000) throws {
        self.directory = directory
        queries = try RotatingLog(directory: directory, name: "queries", limits: limits)
        events = try RotatingLog(directory: directory, name: "events", limits: limits)
        recent = Mutex(try Self.recentQueryIDs(in: directory, count: max(1, rememberedQueries)))
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder = e
    }

    /// The query ids of the last `count` logged searches, read from the newest segments back
    /// (never the whole log).
    static func recentQueryIDs(in directory: URL, count: Int) throws -> RecentIDs {
        struct IDOnly: Decodable { var query_id: String }
        var newestFirst: [String] = []
        for segment in RotatingLog.segmentFiles(in: directory, name: "queries").reversed() where newestFirst.count < count {
            for line in try RotatingLog.records(of: segment.url).reversed() where newestFirst.count < count {
                if let r = try? JSONDecoder().decode(IDOnly.self, from: line) { newestFirst.append(r.query_id) }
            }
        }
        var ids = RecentIDs(capacity: count)
        for id in newestFirst.reversed() { ids.insert(id) }
        return ids
    }

    /// Queues one search for the log (never waits for the disk).
    public func record(_ query: UBIQuery) {
        guard let data = try? encoder.encode(query) else { return }
        recent.withLock { $0.insert(query.queryId) }
        queries.append(data)
    }

    public struct IngestReport: Codable, Sendable {
        public var accepted: Int
        public var rejected: [UBIEvent.Issue]
        /// Accepted events whose query_id is in no recent search.
        public var unknownQueryIds: Int

        enum CodingKeys: String, CodingKey {
            case accepted, rejected, unknownQueryIds = "unknown_query_ids"
        }
    }

    /// Validates NDJSON events and keeps the good ones; each bad line is reported with its
    /// line number, field and reason. Blank lines are skipped.
    public func ingest(ndjson data: Data) -> IngestReport {
        var report = IngestReport(accepted: 0, rejected: [], unknownQueryIds: 0)
        var accepted: [UBIEvent] = []
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            switch UBIEvent.parse(Data(trimmed), number: i + 1) {
            case .success(let e): accepted.append(e)
            case .failure(let issue): report.rejected.append(issue)
            }
        }
        let known = recent.withLock { r in accepted.map { r.set.contains($0.queryId) } }
        for (event, isKnown) in zip(accepted, known) {
            if !isKnown { report.unknownQueryIds += 1 }
            if let data = try? encoder.encode(event), events.append(data) { report.accepted += 1 }
        }
        return report
    }

    /// Writes everything queued; returns once it is on disk.
    public func flush() throws {
        try queries.flush()
        try events.flush()
    }

    /// Drains both logs and stops their writers.
    public func close() {
        queries.close()
        events.close()
    }

    /// Records dropped because a log's buffer was full.
    public var dropped: Int { queries.dropped + events.dropped }

    /// Every search and event logged in `directory`, oldest first; unreadable lines skipped.
    public static func read(directory: URL) throws -> (searches: [UBIQuery], events: [UBIEvent]) {
        let decoder = JSONDecoder()
        let searches = try RotatingLog.records(in: directory, name: "queries").compactMap { try? decoder.decode(UBIQuery.self, from: $0) }
        let events = try RotatingLog.records(in: directory, name: "events").compactMap { try? decoder.decode(UBIEvent.self, from: $0) }
        return (searches, events)
    }
}
