// Properties checked:
// - a search whose deadline has passed stops inside Xapian's matcher and throws
//   DeadlineExceeded (locally and over several shards combined), while one with time left
//   is unaffected, counts included;
// - a read that meets DatabaseModifiedError again and again (frequent commits) is retried
//   on a reopened handle until it succeeds, and gives up when its deadline passes.
import Foundation
import HuopanCatalog
import HuopanTestSupport
import Testing

@testable import HuopanIndex

@Suite struct DeadlineTests {
    static let dir = TemporaryDirectory("deadline")
    static let offers = (0..<3_000).map { Fixtures.offer("d\($0)", title: "保温杯 \($0 % 7 == 0 ? "礼盒" : "不锈钢")", supplier: "s\($0 % 40)") }
    static let single = try! Fixtures.index(offers, in: dir)
    static let sharded = try! Fixtures.index(offers, in: TemporaryDirectory("deadline-shards"), shards: 3)

    func cup() -> XapianSearch {
        var s = XapianSearch(query: QueryUnit(text: "保温杯", kind: .chinese).query, limit: 100)
        s.checkAtLeast = 10_000
        s.facetSlots = [Schema.Slot.region]
        return s
    }

    @Test(arguments: [false, true])
    func aPassedDeadlineStopsTheMatch(sharded: Bool) throws {
        let index = sharded ? Self.sharded : Self.single
        try index.withDatabase { db in
            var s = cup()
            s.deadline = Deadline(nanoseconds: Deadline.now() - 1)
            #expect(throws: DeadlineExceeded.self) { try db.search(s) }
            s.deadline = .after(seconds: 60)
            let r = try db.search(s)
            #expect(r.exactCount == 3_000)
            #expect(r.hits.count == 100)
        }
        #expect(throws: DeadlineExceeded.self) {
            try index.withDatabase(deadline: Deadline(nanoseconds: Deadline.now() - 1)) { _ in 1 }
        }
    }

    @Test func retriesDatabaseModifiedUntilItSucceeds() throws {
        var failures = 0
        let n = try Self.single.withDatabase { db -> Int in
            // What a reader sees while a writer commits again and again.
            if failures < 5 {
                failures += 1
                throw XapianError(kind: .databaseModified, message: "DatabaseModifiedError: The revision being read has been discarded")
            }
            return try db.stats().documentCount
        }
        #expect(n == 3_000 && failures == 5)

        let gaveUp = #expect(throws: (any Error).self) {
            try Self.single.withDatabase(deadline: .after(seconds: 0.05)) { _ -> Int in
                Thread.sleep(forTimeInterval: 0.02)
                throw XapianError(kind: .databaseModified, message: "DatabaseModifiedError")
            }
        }
        #expect(gaveUp is DeadlineExceeded, "\(String(describing: gaveUp))")
    }
}
