import ArgumentParser
import Foundation
import HuopanIndex

struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard", abstract: "Serve the shards of an index with Xapian's remote backend.", subcommands: [Serve.self])

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start one xapian-tcpsrv per shard (and replica) of an index directory; print the HUOPAN_SHARDS value.",
            discussion: """
                Shard i, replica r listens on port + i + 100·r. Point a server at them with
                  HUOPAN_SHARDS='127.0.0.1:7000|127.0.0.1:7100;127.0.0.1:7001' huopan serve
                The servers open shards through DIR/current; restart them after a reindex.
                """)

        @Option(help: "Index directory (built with huopan index --shards N).") var db: String
        @Option(help: "Interface to listen on.") var host = "127.0.0.1"
        @Option(help: "Port of shard 0.") var port = 7000
        @Option(help: "Servers per shard.") var replicas = 1
        @Option(help: "xapian-tcpsrv binary.") var tcpsrv = "/usr/bin/xapian-tcpsrv"

        func run() throws {
            let (_, manifest) = try IndexLayout(root: URL(fileURLWithPath: db)).current()
            var children: [Process] = []
            var topology: [String] = []
            for (i, shard) in manifest.shards.enumerated() {
                var endpoints: [String] = []
                for r in 0..<max(1, replicas) {
                    let p = Process()
                    p.executableURL = URL(fileURLWithPath: tcpsrv)
                    p.arguments = [
                        "--interface", host, "--port", String(port + i + 100 * r), "--quiet",
                        URL(fileURLWithPath: db).appendingPathComponent("current").appendingPathComponent(shard).path,
                    ]
                    try p.run()
                    children.append(p)
                    endpoints.append("\(host):\(port + i + 100 * r)")
                }
                topology.append(endpoints.joined(separator: "|"))
            }
            print("HUOPAN_SHARDS='\(topology.joined(separator: ";"))'")
            // Standard output may be a file or a pipe: the line must reach it now, not at exit.
            fflush(nil)
            signal(SIGTERM, SIG_IGN)
            signal(SIGINT, SIG_IGN)
            let pids = children.map(\.processIdentifier)
            let signals = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
                let source = DispatchSource.makeSignalSource(signal: sig)
                source.setEventHandler { Self.stop(pids) }
                source.resume()
                return source
            }
            _ = signals
            for c in children { c.waitUntilExit() }
        }

        /// Stops the servers and exits. xapian-tcpsrv blocks SIGTERM, so a server still
        /// running after a grace period is killed: it only reads, there is nothing to lose.
        static func stop(_ pids: [Int32]) -> Never {
            for pid in pids { kill(pid, SIGTERM) }
            let until = Date().addingTimeInterval(1)
            var running = pids
            while !running.isEmpty, Date() < until {
                running.removeAll { waitpid($0, nil, WNOHANG) != 0 }
                if !running.isEmpty { usleep(20_000) }
            }
            for pid in running {
                kill(pid, SIGKILL)
                waitpid(pid, nil, 0)
            }
            Foundation.exit(0)
        }
    }
}
