// Properties checked:
// - `corpus generate` without --output writes the catalog to its standard output stream and
//   creates no file (it once replaced the /dev/stdout symlink with a regular file).
// - `corpus generate --output FILE` writes there and nothing to standard output.
// - `corpus judgments` writes only where --out says and refuses to replace sets without --force.
import Foundation
import HuopanTestSupport
import Testing

@Suite struct CorpusCommandTests {
    @Test func generateWithoutOutputWritesToStandardOutput() throws {
        let dir = TemporaryDirectory("cli")
        let devStdout = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType
        let r = try CLI.run(["corpus", "generate", "--offers", "7", "--seed", "3"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.contains("\"id\":\"ofr-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType == devStdout)
    }

    @Test func generateWithOutputWritesTheFileOnly() throws {
        let dir = TemporaryDirectory("cli")
        let r = try CLI.run(["corpus", "generate", "--offers", "5", "--output", "c.jsonl", "--truth", "t.tsv"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let catalog = try String(contentsOf: dir.path("c.jsonl"), encoding: .utf8)
        #expect(catalog.split(separator: "\n").count == 5)
        #expect(try String(contentsOf: dir.path("t.tsv"), encoding: .utf8).split(separator: "\n").count == 5)
    }

    @Test func judgmentsNeedOutAndRefuseToOverwrite() throws {
        let dir = TemporaryDirectory("cli")
        #expect(try CLI.run(["corpus", "generate", "--offers", "600", "--output", "c.jsonl", "--truth", "t.tsv"], in: dir.url).status == 0)
        let missingOut = try CLI.run(["corpus", "judgments", "--catalog", "c.jsonl", "--truth", "t.tsv"], in: dir.url)
        #expect(missingOut.status != 0)
        #expect(missingOut.stderr.contains("--out"))
        let args = ["corpus", "judgments", "--catalog", "c.jsonl", "--truth", "t.tsv", "--queries", "20", "--out", "sets"]
        #expect(try CLI.run(args, in: dir.url).status == 0)
        let before = try Data(contentsOf: dir.path("sets/test.qrels"))
        let again = try CLI.run(args + ["--seed", "9"], in: dir.url)
        #expect(again.status != 0)
        #expect(again.stderr.contains("--force"))
        #expect(try Data(contentsOf: dir.path("sets/test.qrels")) == before)
        #expect(try CLI.run(args + ["--seed", "9", "--force"], in: dir.url).status == 0)
    }
}
