// Properties checked:
// - a release or debug binary copied to an empty directory and started from `/` needs no
//   checkout: with the lexicon, synonyms, profiles and judgments named in its environment it
//   serves what the checkout serves (results, console, OpenAPI document);
// - started without them it exits non-zero with a message naming the lexicon.
import Foundation
import HuopanTestSupport
import Testing

@Suite struct ServeCommandTests {
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aCopiedBinaryNeedsOnlyItsConfiguration() throws {
        let dir = TemporaryDirectory("standalone")
        let binary = dir.path("bin/huopan")
        try FileManager.default.createDirectory(at: dir.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.executable, to: binary)
        let corpora = Fixtures.corpora
        let base = [
            "PATH": "/usr/bin:/bin", "HUOPAN_DB": dir.path("index").path, "HUOPAN_STATE_DIR": dir.path("state").path,
            "HUOPAN_BOOTSTRAP_CATALOG": corpora.appendingPathComponent("sample/offers.jsonl").path, "HUOPAN_LOG_LEVEL": "error",
        ]

        // Without its files it refuses to start, naming the lexicon.
        let bare = try CLI.run(["serve", "--port", "0"], in: URL(fileURLWithPath: "/"), environment: base, executable: binary)
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("lexicon_dir"), "\(bare.stderr)")

        var env = base
        env["HUOPAN_LEXICON_DIR"] = corpora.appendingPathComponent("lexicon").path
        env["HUOPAN_SYNONYMS_FILE"] = corpora.appendingPathComponent("synonyms.txt").path
        env["HUOPAN_PROFILES_DIR"] = corpora.appendingPathComponent("profiles").path
        env["HUOPAN_JUDGMENTS_DIR"] = corpora.appendingPathComponent("judgments").path
        let port = Self.freePort()
        let server = try CLI.start(["serve", "--port", String(port)], in: URL(fileURLWithPath: "/"), environment: env, executable: binary)
        defer { server.terminate(); server.waitUntilExit() }
        var ready = false
        for _ in 0..<600 where !ready {
            usleep(100_000)
            ready = (try? RawConnection(port: port).exchange("GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n", timeout: 2).status) == 200
        }
        #expect(ready, "the copied binary did not become ready")
        let path = "/v1/search?q=%E8%BF%9E%E8%A1%A3%E8%A3%99&size=10&as_of=2026-11-20"
        let served = try RawConnection(port: port).exchange("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
        let ids = ((served.json["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        // The checkout's own engine (the CLI from the build folder) on the same index.
        let checkout = try CLI.run(["search", "--db", dir.path("index").path, "--json", "--limit", "10", "--as-of", "2026-11-20", "连衣裙"])
        let expected = ((try JSONSerialization.jsonObject(with: checkout.stdout) as? [String: Any])?["hits"] as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        #expect(ids.count == 10 && ids == expected)
        #expect(try RawConnection(port: port).exchange("GET /openapi.yaml HTTP/1.1\r\nHost: t\r\n\r\n").body.hasPrefix("openapi: 3"))
        #expect(try RawConnection(port: port).exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n").body.contains("货盘"))
    }
}
