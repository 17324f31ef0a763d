// Properties checked: `POST /v1/synonyms/reload` needs an admin token and changes nothing
// without one; with one, the file is read again and the next search expands with the new
// groups; a broken file is refused with its line and the loaded groups stay in force.
import Foundation
import HuopanTestSupport
import Testing

@Suite struct SynonymEndpointTests {
    @Test func reloadNeedsATokenAndTakesEffect() async throws {
        let dir = TemporaryDirectory("synonyms")
        let file = dir.path("synonyms.txt")
        try FileManager.default.copyItem(at: Fixtures.synonyms, to: file)
        let server = try TestServer.make(offers: 600) { $0.synonymsFile = file.path }
        try await server.run { client in
            let before = try await client.call(.get, "/v1/synonyms").object["version"] as? String
            try
                ("# version: test-2\n瑜伽裤, 紧身运动裤\n"
                + String(contentsOf: Fixtures.synonyms, encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("# version") }.joined(separator: "\n") + "\n")
                .write(to: file, atomically: true, encoding: .utf8)
            #expect(try await client.call(.post, "/v1/synonyms/reload").status == .unauthorized)
            #expect(try await client.call(.get, "/v1/synonyms").object["version"] as? String == before)
            let reloaded = try await client.call(.post, "/v1/synonyms/reload", token: TestServer.token)
            #expect(reloaded.status == .ok && reloaded.object["version"] as? String == "test-2", "\(reloaded.text)")
            let search = try await client.call(.get, "/v1/search?q=\(q("瑜伽裤"))").object
            let alternatives = (search["query"] as? [String: Any])?["alternatives"] as? [String: [String]]
            #expect(alternatives?["瑜伽裤"] == ["紧身 运动裤"])
            // A broken file is refused; the groups in force stay.
            try "瑜伽裤\n".write(to: file, atomically: true, encoding: .utf8)
            let broken = try await client.call(.post, "/v1/synonyms/reload", token: TestServer.token)
            #expect(broken.status.code >= 400 && broken.status.code < 500, "\(broken.status) \(broken.text)")
            #expect(try await client.call(.get, "/v1/synonyms").object["version"] as? String == "test-2")
        }
    }
}
