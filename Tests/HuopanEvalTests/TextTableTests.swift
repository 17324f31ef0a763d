// Properties checked:
// - every column is separated from the next by at least two spaces, however long a name;
// - numbers are right-aligned, so their last digits line up;
// - Chinese counts two columns, so a Chinese name does not push its row out of line.
import Testing

@testable import HuopanEval

@Suite struct TextTableTests {
    @Test func longNamesNeverRunIntoFigures() {
        let text = TextTable(["metric", "channel_taobao", "bulk_wholesale_2"], rows: [["ndcg@10", "0.5123", "0.6001"]]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "metric   channel_taobao  bulk_wholesale_2")
        #expect(lines[1] == "ndcg@10          0.5123            0.6001")
    }

    @Test func chineseIsTwoColumnsWide() {
        let text = TextTable(["query", "hits"], rows: [["保温杯", "12"], ["cup", "7"]]).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == ["query   hits", "保温杯    12", "cup        7"])
        #expect(TextTable.width("保温杯 1000个") == 13)
    }
}
