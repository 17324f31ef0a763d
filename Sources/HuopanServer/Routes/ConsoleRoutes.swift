import Hummingbird

/// The operator console and the interactive API page: a page and its two files each,
/// compiled into the binary (no build step, no external requests).
struct ConsoleRoutes: Sendable {
    let docs: [String: StaticFile] = [
        "index.html": StaticFile("apidocs/index.html", contentType: "text/html; charset=utf-8"),
        "apidocs.js": StaticFile("apidocs/apidocs.js", contentType: "text/javascript; charset=utf-8"),
        "apidocs.css": StaticFile("apidocs/apidocs.css", contentType: "text/css; charset=utf-8"),
    ]
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
        let docs = self.docs
        groups.open.get("/docs") { _, _ in try docs["index.html"]!.response(cacheControl: "no-cache") }
        groups.open.get("/docs/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard let found = docs[file], file != "index.html" else {
                throw APIError(.notFound, "not_found", "no API page file \"\(file)\"")
            }
            return try found.response(cacheControl: "no-cache")
        }
    }
}
