import Hummingbird

/// The operator console: one page and its two files, compiled into the binary (no build
/// step, no external requests).
struct ConsoleRoutes: Sendable {
    let files: [String: StaticFile] = [
        "index.html": StaticFile("console/index.html", contentType: "text/html; charset=utf-8"),
        "console.js": StaticFile("console/console.js", contentType: "text/javascript; charset=utf-8"),
        "console.css": StaticFile("console/console.css", contentType: "text/css; charset=utf-8"),
    ]

    func register(_ groups: RouteGroups) {
        let files = self.files
        groups.open.get("/") { _, _ in try files["index.html"]!.response(cacheControl: "no-cache") }
        groups.open.get("/console/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard let found = files[file], file != "index.html" else {
                throw APIError(.notFound, "not_found", "no console file \"\(file)\"")
            }
            return try found.response(cacheControl: "no-cache")
        }
    }
}
