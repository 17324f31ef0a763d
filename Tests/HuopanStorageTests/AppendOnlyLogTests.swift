// Properties checked:
// - whatever a crash leaves at the end of the file (the last record cut at any byte), opening
//   keeps every whole record, drops the fragment, and the next append is a record of its own;
// - an append is visible to a reader of the file only as a whole line;
// - records come back in order, without their newlines.
import Foundation
import HuopanStorage
import HuopanTestSupport
import Testing

@Suite struct AppendOnlyLogTests {
    @Test func recordsComeBackInOrder() throws {
        let dir = TemporaryDirectory("log")
        let log = try AppendOnlyLog(url: dir.path("nested/a.jsonl"))
        for i in 0..<5 { try log.append(Data("{\"n\":\(i)}".utf8)) }
        let reopened = try AppendOnlyLog(url: dir.path("nested/a.jsonl"))
        #expect(try reopened.records().map { String(decoding: $0, as: UTF8.self) } == (0..<5).map { "{\"n\":\($0)}" })
        #expect(reopened.repairedBytes == 0)
    }

    @Test func aTornTailIsCutAtEveryOffsetAndNeverGluedToTheNextRecord() throws {
        let dir = TemporaryDirectory("log")
        let url = dir.path("h.jsonl")
        let whole = ["{\"v\":1,\"name\":\"默认\"}", "{\"v\":2,\"name\":\"批发\"}", "{\"v\":3,\"name\":\"last one\"}"]
        let bytes = Array(whole.map { $0 + "\n" }.joined().utf8)
        let lastStart = bytes.count - Array((whole[2] + "\n").utf8).count
        for cut in lastStart..<bytes.count {
            try Data(bytes[0..<cut]).write(to: url)
            let log = try AppendOnlyLog(url: url)
            #expect(try log.records().count == 2, "cut at \(cut)")
            #expect(log.repairedBytes == cut - lastStart)
            try log.append(Data("{\"v\":4}".utf8))
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text == whole[0] + "\n" + whole[1] + "\n{\"v\":4}\n", "cut at \(cut)")
            #expect(try AppendOnlyLog(url: url).records().last == Data("{\"v\":4}".utf8))
        }
    }
}
