// Properties checked:
// - `shard serve` writes its HUOPAN_SHARDS line to a redirected standard output while it runs;
// - SIGTERM and SIGINT stop it, and its xapian-tcpsrv children with it (their ports close).
import Foundation
import HuopanTestSupport
import Testing

@Suite(.serialized) struct ShardCommandTests {
    static func accepts(_ port: Int) -> Bool { (try? RawConnection(port: port)) != nil }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsWithItsServers(signal: Int32) throws {
        let dir = TemporaryDirectory("shards")
        #expect(try CLI.run(["corpus", "generate", "--offers", "200", "--output", "c.jsonl"], in: dir.url).status == 0)
        #expect(try CLI.run(["index", "--catalog", "c.jsonl", "--db", "index", "--shards", "2"], in: dir.url).status == 0)
        // Two neighbouring free ports (shard 0 and shard 1).
        var base = 0
        for _ in 0..<20 where base == 0 {
            let p = ServeCommandTests.freePort()
            if p < 65_000, !Self.accepts(p + 1) { base = p }
        }
        let output = dir.path("out.txt")
        let server = try CLI.start(["shard", "serve", "--db", "index", "--port", String(base)], in: dir.url, output: output)
        var line = ""
        for _ in 0..<300 where line.isEmpty {
            usleep(100_000)
            line = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
        #expect(line == "HUOPAN_SHARDS='127.0.0.1:\(base);127.0.0.1:\(base + 1)'\n")
        var up = false
        for _ in 0..<300 where !up {
            usleep(100_000)
            up = Self.accepts(base) && Self.accepts(base + 1)
        }
        #expect(up, "the shard servers did not start")
        kill(server.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(15)
        while server.isRunning, Date() < deadline { usleep(50_000) }
        #expect(!server.isRunning, "shard serve ignored the signal")
        if server.isRunning { server.terminate() }
        #expect(!Self.accepts(base) && !Self.accepts(base + 1), "a shard server outlived shard serve")
    }
}
