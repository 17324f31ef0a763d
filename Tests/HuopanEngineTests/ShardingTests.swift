import Foundation
import HuopanCatalog
import HuopanCorpus
import HuopanIndex
import HuopanRanking
import HuopanTestSupport
import Testing

@testable import HuopanEngine

/// Sharding on Xapian's own multi-database search and remote backend.
@Suite(.serialized) struct ShardingTests {
    static let profiles = Fixtures.profiles

    static func queries(_ n: Int) -> [String] {
        var rng = SeededRandom(seed: 99)
        let keys = Set(Fixtures.generated.truth.values)
        let present = Fixtures.taxonomy.productTypes.filter { keys.contains($0.key) }
        return (0..<n).map { _ in
            let t = rng.pick(present)
            var q = rng.chance(0.6) ? t.name : rng.pick([t.name] + t.aliases)
            if rng.chance(0.5) { q += " " + rng.pick(rng.pick(t.attributes).values) }
            if rng.chance(0.2) { q += rng.pick([" 批发", " 1000个", " 一件代发", " 定制logo"]) }
            return q
        }
    }

    @Test func threeShardsRankExactlyLikeOne() throws {
        let data = Fixtures.generated
        let dir = TemporaryDirectory("shards")
        let sharded = try Fixtures.index(data.offers, in: dir, shards: 3)
        #expect(sharded.manifest.shards.count == 3)
        let one = Fixtures.search(data.index)
        let three = Fixtures.search(sharded)
        for q in Self.queries(200) {
            let a = try one.search(SearchRequest(q: q, size: 20), profiles: Self.profiles)
            let b = try three.search(SearchRequest(q: q, size: 20), profiles: Self.profiles)
            #expect(a.hits.map(\.id) == b.hits.map(\.id), "\(q)")
            #expect(a.total == b.total, "\(q)")
            #expect(zip(a.hits, b.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(q)")
        }
    }

    /// A xapian-tcpsrv serving one shard, on a free port.
    final class ShardServer: @unchecked Sendable {
        let process = Process()
        let port: Int
        let path: String

        init(path: String) throws {
            self.path = path
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in(
                sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")),
                sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    _ = bind(probe, $0, len); _ = getsockname(probe, $0, &len)
                }
            }
            port = Int(UInt16(bigEndian: addr.sin_port))
            close(probe)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["--wait", "/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", String(port), "--quiet", path]
            try process.run()
            for _ in 0..<100 {
                if (try? XapianDatabase(remoteHost: "127.0.0.1", port: port, timeoutMilliseconds: 500, connectTimeoutMilliseconds: 200))
                    != nil
                {
                    return
                }
                usleep(50_000)
            }
            throw XapianError(kind: .network, message: "xapian-tcpsrv on \(port) did not start")
        }

        /// SIGKILL the listener's process group: it and the children it forked
        /// for open connections (xapian-tcpsrv ignores SIGTERM, and a child
        /// would keep serving its connection).
        func kill() {
            guard process.isRunning else { return }
            ShardServer.killSession(under: process)
        }

        /// `setsid --wait` runs xapian-tcpsrv as its child in a new session; kill that session's group.
        /// The child is looked up again until the waiter exits (a lookup that found nothing once
        /// left a test waiting forever); after 5 s the waiter itself is killed, so this never hangs.
        static func killSession(under waiter: Process) {
            for attempt in 0..<100 where waiter.isRunning {
                let pgrep = Process()
                let pipe = Pipe()
                pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
                pgrep.arguments = ["-P", String(waiter.processIdentifier)]
                pgrep.standardOutput = pipe
                if (try? pgrep.run()) != nil {
                    pgrep.waitUntilExit()
                    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    for pid in out.split(whereSeparator: \.isNewline).compactMap({ Int32($0) }) { Foundation.kill(-pid, SIGKILL) }
                }
                if attempt == 99 { Foundation.kill(waiter.processIdentifier, SIGKILL) }
                usleep(50_000)
            }
            waiter.waitUntilExit()
        }

        deinit { kill() }
    }

    @Test func replicasFailOverShardsGoMissingAndComeBack() throws {
        let data = Fixtures.generated
        let dir = TemporaryDirectory("remote")
        let local = try Fixtures.index(data.offers, in: dir, shards: 2)
        let gen = local.directory
        let shard0a = try ShardServer(path: gen.appendingPathComponent("shard-000").path)
        let shard0b = try ShardServer(path: gen.appendingPathComponent("shard-000").path)
        var shard1 = try ShardServer(path: gen.appendingPathComponent("shard-001").path)
        var topology = ShardTopology(parsing: "127.0.0.1:\(shard0a.port)|127.0.0.1:\(shard0b.port);127.0.0.1:\(shard1.port)")
        topology.retryAfterSeconds = 0.3
        let remote = Fixtures.search(try OfferIndex(topology: topology), expansion: false)
        let reference = Fixtures.search(local, expansion: false)
        let request = SearchRequest(q: "连衣裙", size: 20)
        let expected = try reference.search(request, profiles: Self.profiles)
        let full = try remote.search(request, profiles: Self.profiles)
        #expect(full.hits.map(\.id) == expected.hits.map(\.id) && !full.partial)
        // Remote windows carry the ranking record in the MSet (as a collapse key that never
        // collapses); the scores prove every feature arrived intact.
        // Equal up to rounding: the remote matcher adds the same terms' weights in its own order.
        #expect(zip(full.hits, expected.hits).allSatisfy { abs($0.score - $1.score) <= 1e-9 * max(1, abs($1.score)) })
        #expect(full.total == expected.total)

        shard0a.kill()  // the other replica of shard 0 answers
        let failover = try remote.search(request, profiles: Self.profiles)
        #expect(failover.hits.map(\.id) == expected.hits.map(\.id) && !failover.partial)

        shard1.kill()  // shard 1 has no replica left: the answer is partial, and says so
        let partial = try remote.search(request, profiles: Self.profiles)
        #expect(partial.partial && partial.missingShards == [1])
        #expect(partial.hits.allSatisfy { ShardRouter.shard(for: $0.id, of: 2) == 0 })

        var failing = topology
        failing.onShardLoss = .fail
        let strict = Fixtures.search(try OfferIndex(topology: failing), expansion: false)
        #expect(throws: ShardsUnavailable.self) { try strict.search(request, profiles: Self.profiles) }

        shard1 = try ShardServer(path: gen.appendingPathComponent("shard-001").path)
        topology.shards[1] = [.remote(host: "127.0.0.1", port: shard1.port)]
        let healed = Fixtures.search(try OfferIndex(topology: topology), expansion: false)
        #expect(try healed.search(request, profiles: Self.profiles).hits.map(\.id) == expected.hits.map(\.id))
        _ = shard0b
    }

    @Test func aShardThatReturnsIsPickedUpAgain() throws {
        let data = Fixtures.generated
        let dir = TemporaryDirectory("recover")
        let local = try Fixtures.index(data.offers, in: dir, shards: 2)
        let s0 = try ShardServer(path: local.directory.appendingPathComponent("shard-000").path)
        var s1 = try ShardServer(path: local.directory.appendingPathComponent("shard-001").path)
        let port1 = s1.port
        var topology = ShardTopology(parsing: "127.0.0.1:\(s0.port);127.0.0.1:\(port1)")
        topology.retryAfterSeconds = 0.3
        let remote = Fixtures.search(try OfferIndex(topology: topology), expansion: false)
        let request = SearchRequest(q: "保温杯", size: 10)
        #expect(try !remote.search(request, profiles: Self.profiles).partial)
        s1.kill()
        #expect(try remote.search(request, profiles: Self.profiles).partial)
        // The same port comes back.
        let restart = Process()
        restart.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        restart.arguments = [
            "--wait", "/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", String(port1), "--quiet",
            local.directory.appendingPathComponent("shard-001").path,
        ]
        try restart.run()
        defer { ShardServer.killSession(under: restart) }
        // Polled with a generous bound: the property is that it heals, not how fast.
        var healed = false
        for _ in 0..<150 where !healed {
            usleep(200_000)
            healed = (try? remote.search(request, profiles: Self.profiles).partial == false) ?? false
        }
        #expect(healed)
        _ = s0
        s1 = try ShardServer(path: local.directory.appendingPathComponent("shard-001").path)
        s1.kill()
    }
}
