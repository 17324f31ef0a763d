import Foundation
import Hummingbird

/// The operator console: one page and its two files, shipped as resources of
/// this target (no build step, no external requests).
struct ConsoleRoutes: Sendable {
    static let files: [String: String] = [
        "index.html": "text/html; charset=utf-8",
        "console.js": "text/javascript; charset=utf-8",
        "console.css": "text/css; charset=utf-8",
    ]

    static func load(_ name: String) -> ByteBuffer? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/console"),
              let data = try? Data(contentsOf: url) else { return nil }
        return ByteBuffer(bytes: data)
    }

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try Self.serve("index.html") }
        router.get("/console/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard Self.files[file] != nil, file != "index.html" else { throw APIError(.notFound, "not_found", "no console file \"\(file)\"") }
            return try Self.serve(file)
        }
    }

    static func serve(_ name: String) throws -> Response {
        guard let body = load(name), let type = files[name] else {
            throw APIError(.internalServerError, "internal", "console file \(name) is missing from the server's resources")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: body))
    }
}
