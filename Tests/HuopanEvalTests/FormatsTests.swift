import Foundation
import Testing

@testable import HuopanEval

@Suite struct FormatsTests {
    @Test func querySetsRoundTripAndReportBadLines() throws {
        let text = "qid\tquery\tintent\tqty\tchannel\nq1\t连衣裙\tbulk_wholesale\t500\ttaobao\nq2\t保温杯\t\t\t\n"
        let qs = try QuerySetFile.parse(text)
        #expect(qs.count == 2 && qs[0].intent == .bulkWholesale && qs[0].qty == 500 && qs[0].channel == "taobao" && qs[1].intent == nil)
        #expect(try QuerySetFile.parse(QuerySetFile.format(qs)) == qs)
        let bad = #expect(throws: FormatError.self) { try QuerySetFile.parse("q1\ta\nq2\tb\tbargain\nq1\tc\n", file: "x.tsv") }
        #expect(bad?.line == 2 && bad?.reason.contains("unknown intent") == true && bad?.description.hasPrefix("x.tsv:2") == true)
        #expect(bad?.reason.contains("line 3") == true)
    }

    @Test func qrelsParseAndReject() throws {
        let q = try Qrels.parse("q1 0 a 3\nq1 0 b 0\n\nq2 0 c 1\n")
        #expect(q.grade("q1", "a") == 3 && q.grade("q2", "c") == 1 && q.grade("q2", "zz") == 0)
        #expect(try Qrels.parse(q.format()) == q)
        let e = #expect(throws: FormatError.self) { try Qrels.parse("q1 0 a 3\nq1 0 b 7\n") }
        #expect(e?.line == 2)
        #expect(throws: FormatError.self) { try Qrels.parse("q1 a 3\n") }
    }

    @Test func runsAreReadAsTrecEvalReadsThem() throws {
        let run = try Run.parse("q1 Q0 a 1 1.0 t\nq1 Q0 c 2 1.0 t\nq1 Q0 b 3 2.0 t\n")
        // Score descending, ties by docid descending; the rank column is ignored.
        #expect(run.ranking("q1") == ["b", "c", "a"])
        var mine = Run(tag: "x")
        mine.results["q1"] = [("a", 5), ("b", 5), ("c", 4)]
        #expect(try Run.parse(mine.format()).ranking("q1") == ["a", "b", "c"])
        let dup = #expect(throws: FormatError.self) { try Run.parse("q1 Q0 a 1 1 t\nq1 Q0 a 2 0.5 t\n") }
        #expect(dup?.line == 2)
        #expect(throws: FormatError.self) { try Run.parse("q1 Q0 a one 1 t\n") }
        #expect(throws: FormatError.self) { try Run.parse("q1 Q0 a 1 nan t\n") }
    }
}
