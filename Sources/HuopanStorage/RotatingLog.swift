import Foundation
import Synchronization

/// A log of one-line records kept as numbered segment files in a directory
/// (`NAME-000001.jsonl`, `NAME-000002.jsonl` …), for the search log and behaviour events.
///
/// Appending never waits for the disk: records go to a bounded buffer that a writer thread
/// drains every `flushInterval` in one write and one fsync per segment (a full buffer drops
/// the record and counts it, so a slow disk slows nothing but the log). `close()` drains the
/// buffer, so a clean shutdown loses nothing; a crash loses at most the last interval, and a
/// torn last line is cut off when the segment is opened again (`AppendOnlyLog`). A segment
/// that reaches `segmentBytes` is closed and a new one begun; the oldest segments are deleted
/// while the log holds more than `maxBytes`.
public final class RotatingLog: Sendable {
    public struct Limits: Sendable {
        public var segmentBytes: Int64 = 64 << 20
        public var maxBytes: Int64 = 1 << 30
        public var bufferedRecords = 100_000
        public var flushInterval = 0.2
        public init(segmentBytes: Int64 = 64 << 20, maxBytes: Int64 = 1 << 30, bufferedRecords: Int = 100_000, flushInterval: Double = 0.2)
        {
            self.segmentBytes = segmentBytes
            self.maxBytes = maxBytes
            self.bufferedRecords = bufferedRecords
            self.flushInterval = flushInterval
        }
    }

    public let directory: URL
    public let name: String
    public let limits: Limits

    private struct Buffer {
        var records: [Data] = []
        var dropped = 0
        var written = 0
        var closed = false
    }

    private struct Segments {
        var active: AppendOnlyLog
        var sequence: Int
    }

    private let buffer = Mutex(Buffer())
    private let segments: Mutex<Segments>
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    public init(directory: URL, name: String, limits: Limits = Limits()) throws {
        self.directory = directory
        self.name = name
        self.limits = limits
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let last = Self.segmentFiles(in: directory, name: name).last
        let sequence = last?.sequence ?? 1
        segments = Mutex(Segments(active: try AppendOnlyLog(url: Self.url(directory, name, sequence)), sequence: sequence))
        // The writer holds the log only while it drains, so an unclosed log is still freed
        // (its deinit writes what is left).
        let wake = self.wake, interval = limits.flushInterval
        let thread = Thread { [weak self] in
            while true {
                _ = wake.wait(timeout: .now() + interval)
                guard let log = self, !log.tick() else { return }
            }
        }
        thread.name = "huopan-log-\(name)"
        thread.start()
    }

    deinit {
        try? segments.withLock { s in try drain(&s) }
    }

    /// Queues one record (no newline); false when the buffer is full or the log closed
    /// (the record is dropped and counted).
    @discardableResult
    public func append(_ record: Data) -> Bool {
        precondition(!record.contains(0x0A), "a record is one line")
        return buffer.withLock { b in
            guard !b.closed, b.records.count < limits.bufferedRecords else {
                b.dropped += 1
                return false
            }
            b.records.append(record)
            return true
        }
    }

    /// Writes everything queued so far and returns once it is on disk.
    public func flush() throws {
        try segments.withLock { s in try drain(&s) }
    }

    /// Drains the buffer and stops the writer; later appends are dropped.
    public func close() {
        let first = buffer.withLock { b -> Bool in
            defer { b.closed = true }
            return !b.closed
        }
        guard first else { return }
        wake.signal()
        stopped.wait()
    }

    /// Records dropped because the buffer was full.
    public var dropped: Int { buffer.withLock { $0.dropped } }
    /// Records written to disk.
    public var written: Int { buffer.withLock { $0.written } }

    /// Every whole record of every segment, oldest first.
    public func records() throws -> [Data] {
        try flush()
        return try Self.records(in: directory, name: name)
    }

    /// Every whole record of the log `name` in `directory`, oldest first (for tools reading
    /// a log another process writes: a torn last line is skipped, not repaired).
    public static func records(in directory: URL, name: String) throws -> [Data] {
        try segmentFiles(in: directory, name: name).flatMap { try records(of: $0.url) }
    }

    /// The whole records of one segment file, in order (a torn last line is skipped).
    public static func records(of segment: URL) throws -> [Data] {
        let data = try Data(contentsOf: segment)
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        if data.last != 0x0A, !lines.isEmpty { lines.removeLast() }
        return lines.map { Data($0) }
    }

    /// The segment files of `name`, oldest first.
    public static func segmentFiles(in directory: URL, name: String) -> [(url: URL, sequence: Int)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.compactMap { file -> (URL, Int)? in
            guard file.hasPrefix(name + "-"), file.hasSuffix(".jsonl"),
                let n = Int(file.dropFirst(name.count + 1).dropLast(6))
            else { return nil }
            return (directory.appendingPathComponent(file), n)
        }.sorted { $0.1 < $1.1 }
    }

    private static func url(_ directory: URL, _ name: String, _ sequence: Int) -> URL {
        directory.appendingPathComponent(String(format: "%@-%06d.jsonl", name, sequence))
    }

    /// One writer round: drains the buffer; true once the log is closed (the writer stops).
    private func tick() -> Bool {
        let closed = buffer.withLock { $0.closed }
        // A failed write counts its records as dropped; the next round goes on with new ones.
        try? segments.withLock { s in try drain(&s) }
        if closed { stopped.signal() }
        return closed
    }

    private func drain(_ s: inout Segments) throws {
        let batch = buffer.withLock { b -> [Data] in
            defer { b.records.removeAll(keepingCapacity: true) }
            return b.records
        }
        guard !batch.isEmpty else { return }
        var start = 0
        while start < batch.count {
            // Fill the active segment up to its size, then begin the next one.
            var end = start, bytes = s.active.size
            while end < batch.count && (end == start || bytes + Int64(batch[end].count + 1) <= limits.segmentBytes) {
                bytes += Int64(batch[end].count + 1)
                end += 1
            }
            do {
                try s.active.append(contentsOf: batch[start..<end])
            } catch {
                buffer.withLock { $0.dropped += batch.count - start }
                throw error
            }
            buffer.withLock { $0.written += end - start }
            start = end
            if s.active.size >= limits.segmentBytes {
                s.sequence += 1
                s.active = try AppendOnlyLog(url: Self.url(directory, name, s.sequence))
                prune()
            }
        }
    }

    /// Deletes the oldest closed segments while the log is over its budget.
    private func prune() {
        var files = Self.segmentFiles(in: directory, name: name)
        var total = files.reduce(Int64(0)) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.url.path)[.size] as? Int64) ?? 0) }
        while total > limits.maxBytes, files.count > 1 {
            let oldest = files.removeFirst()
            total -= (try? FileManager.default.attributesOfItem(atPath: oldest.url.path)[.size] as? Int64) ?? 0
            try? FileManager.default.removeItem(at: oldest.url)
        }
    }
}
