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
        Self.serve(files, at: "/", filesUnder: "/console", what: "console file", on: groups)
        Self.serve(docs, at: "/docs", filesUnder: "/docs", what: "API page file", on: groups)
    }

    /// A page's `index.html` at `root` and its other files at `prefix/{file}` (never revalidated
    /// from a cache: they change with the binary).
    static func serve(_ files: [String: StaticFile], at root: String, filesUnder prefix: String, what: String, on groups: RouteGroups) {
        groups.open.get(RouterPath(root)) { _, _ in try files["index.html"]!.response(cacheControl: "no-cache") }
        groups.open.get(RouterPath(prefix + "/{file}")) { _, context in
            let file = try context.parameters.require("file")
            guard let found = files[file], file != "index.html" else {
                throw APIError(.notFound, "not_found", "no \(what) \"\(file)\"")
            }
            return try found.response(cacheControl: "no-cache")
        }
    }
}
