import Foundation
import HuopanStorage
import HuopanTestSupport
import Testing

/// The rotating log. Properties checked:
/// - close() writes everything appended, in order, across segments;
/// - a segment is closed at its size and the oldest are deleted beyond the budget;
/// - a log reopened continues after its last segment; a torn last line is skipped on read;
/// - a full buffer drops records and counts them instead of blocking.
@Suite struct RotatingLogTests {
    let dir = TemporaryDirectory("rotating")

    func record(_ i: Int) -> Data { Data(#"{"n":\#(i),"pad":"\#(String(repeating: "x", count: 80))"}"#.utf8) }

    @Test func closeWritesEverythingInOrderAcrossSegments() throws {
        let log = try RotatingLog(directory: dir.url, name: "queries", limits: .init(segmentBytes: 4_096, maxBytes: 1 << 30))
        for i in 0..<500 { #expect(log.append(record(i))) }
        log.close()
        #expect(!log.append(record(500)))
        let records = try RotatingLog.records(in: dir.url, name: "queries")
        #expect(records == (0..<500).map(record))
        let segments = RotatingLog.segmentFiles(in: dir.url, name: "queries")
        #expect(segments.count >= 10 && segments.map(\.sequence) == Array(1...segments.count))
        let reopened = try RotatingLog(directory: dir.url, name: "queries", limits: .init(segmentBytes: 4_096, maxBytes: 1 << 30))
        reopened.append(record(500))
        reopened.close()
        #expect(try RotatingLog.records(in: dir.url, name: "queries").last == record(500))
    }

    @Test func theOldestSegmentsGoBeyondTheBudget() throws {
        let log = try RotatingLog(directory: dir.url, name: "events", limits: .init(segmentBytes: 4_096, maxBytes: 16_384))
        for i in 0..<2_000 { log.append(record(i)) }
        log.close()
        let files = RotatingLog.segmentFiles(in: dir.url, name: "events")
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.url.path)[.size] as? Int) ?? 0) }
        #expect(bytes <= 16_384 + 4_096 && files.count <= 5)
        let records = try RotatingLog.records(in: dir.url, name: "events")
        #expect(records.last == record(1_999) && records.count < 2_000)
        // What is left is the newest records, in order, with no gap.
        #expect(records == (2_000 - records.count..<2_000).map(record))
    }

    @Test func aTornLastLineIsSkippedAndAFullBufferDrops() throws {
        let log = try RotatingLog(directory: dir.url, name: "q", limits: .init(bufferedRecords: 10, flushInterval: 30))
        for i in 0..<25 { log.append(record(i)) }
        #expect(log.dropped == 15)
        try log.flush()
        let handle = try FileHandle(forWritingTo: RotatingLog.segmentFiles(in: dir.url, name: "q")[0].url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"n":99,"pa"#.utf8))
        try handle.close()
        #expect(try RotatingLog.records(in: dir.url, name: "q") == (0..<10).map(record))
        log.close()
        #expect(log.written == 10)
    }
}
