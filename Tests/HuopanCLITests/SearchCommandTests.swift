// Properties checked (the CLI's contract, through the real binary):
// - `index --json` reports what it built; `search --json` prints one object with the hits;
// - the words of a query may come unquoted; options out of range name the option;
// - a malformed --filter is an error, never silently ignored;
// - `eval --json` scores a judged set through the same engine as the server.
import Foundation
import HuopanTestSupport
import Testing

@Suite(.serialized) struct SearchCommandTests {
    static let dir = TemporaryDirectory("cli-index")
    static let db = dir.path("index").path
    static let built: Bool = {
        let r = try? CLI.run([
            "index", "--catalog", Fixtures.corpora.appendingPathComponent("sample/offers.jsonl").path, "--db", db, "--json",
        ])
        return r?.status == 0
    }()

    @Test func indexReportsWhatItBuilt() throws {
        #expect(Self.built)
        let other = TemporaryDirectory("cli")
        let good =
            #"{"id":"a","title":"保温杯","category":["家居"],"supplier":{"id":"s","name":"n","kind":"factory"},"price_tiers":[{"min_qty":1,"unit_price":5}],"moq":1}"#
        try Data((good + "\nnot json\n").utf8).write(to: other.path("c.jsonl"))
        let r = try CLI.run(["index", "--catalog", other.path("c.jsonl").path, "--db", other.path("db").path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(report["offers"] as? Int == 1)
        #expect((report["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 2)
        // Standard error is a pipe here: no progress line.
        #expect(!r.stderr.contains("indexing"), "\(r.stderr)")
    }

    /// On a terminal (a pseudo-terminal from script(1)) indexing shows a progress line with a rate.
    @Test func indexShowsProgressOnATerminal() throws {
        let dir = TemporaryDirectory("cli")
        #expect(try CLI.run(["corpus", "generate", "--offers", "3000", "--output", "c.jsonl"], in: dir.url).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(CLI.executable.path)' index --catalog c.jsonl --db db --workers 1", "/dev/null"]
        process.currentDirectoryURL = dir.url
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("indexing 3,000 / 3,000 lines · "), "\(text)")
        #expect(text.contains("lines/s") && text.contains("indexed 3000 offers"), "\(text)")
    }

    @Test func searchPrintsOneJSONObject() throws {
        #expect(Self.built)
        let r = try CLI.run(["search", "--db", Self.db, "--json", "--limit", "5", "--as-of", "2026-11-20", "连衣裙"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let hits = try #require(o["hits"] as? [[String: Any]])
        #expect((o["total"] as? Int ?? 0) > 5 && hits.count == 5)
        #expect(
            hits.allSatisfy { ($0["title"] as? String)?.contains("裙") == true && $0["score"] is Double && $0["supplier"] is [String: Any] })
        // The same request again ranks the same (as_of fixes "today").
        let again = try CLI.run(["search", "--db", Self.db, "--json", "--limit", "5", "--as-of", "2026-11-20", "连衣裙"])
        let againHits = try #require((try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any])?["hits"] as? [[String: Any]])
        #expect(againHits.map { "\($0["id"]!) \($0["score"]!)" } == hits.map { "\($0["id"]!) \($0["score"]!)" })
    }

    @Test func unquotedWordsAreOneQuery() throws {
        #expect(Self.built)
        let r = try CLI.run(["search", "--db", Self.db, "--json", "保温杯", "1000个"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(o["qty"] as? Int == 1000 && o["qty_source"] as? String == "query")
    }

    @Test func mistakesNameTheOption() throws {
        #expect(Self.built)
        let limit = try CLI.run(["search", "--db", Self.db, "--limit", "500", "x"])
        #expect(limit.status != 0 && limit.stderr.contains("--limit must be between 1 and 100"), "\(limit.stderr)")
        for bad in ["region", "region="] {
            let r = try CLI.run(["search", "--db", Self.db, "--filter", bad, "x"])
            #expect(r.status != 0 && r.stderr.contains("--filter"), "\(bad): \(r.stderr)")
        }
        let unknown = try CLI.run(["search", "--db", Self.db, "--filter", "colour=red", "x"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown filter"))
    }

    @Test func evalScoresAJudgedSet() throws {
        #expect(Self.built)
        let judgments = Fixtures.corpora.appendingPathComponent("judgments")
        let r = try CLI.run([
            "eval", "--db", Self.db, "--queries", judgments.appendingPathComponent("test.queries.tsv").path,
            "--qrels", judgments.appendingPathComponent("test.qrels").path, "--metrics", "ndcg@10,map", "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let means = try #require(o["means"] as? [String: Double])
        #expect(Set(means.keys) == ["ndcg@10", "map"])
        #expect((means["ndcg@10"] ?? 0) > 0.5)
    }
}
