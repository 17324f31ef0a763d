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
            signal(SIGTERM, SIG_IGN)
            signal(SIGINT, SIG_IGN)
            let signals = [SIGTERM, SIGINT].map { sig -> DispatchSourceSignal in
                let source = DispatchSource.makeSignalSource(signal: sig)
                source.setEventHandler {
                    for c in children where c.isRunning { c.terminate() }
                    Foundation.exit(0)
                }
                source.resume()
                return source
            }
            _ = signals
            for c in children { c.waitUntilExit() }
        }
    }
}
