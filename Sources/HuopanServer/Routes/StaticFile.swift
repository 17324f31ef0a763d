import Foundation
import Hummingbird

/// A file of this target's `Resources/` (the OpenAPI document, the console), compiled into
/// the binary by the EmbedResources plugin and served from memory.
struct StaticFile: Sendable {
    let name: String
    let contentType: String
    private let body: ByteBuffer?

    /// `path` is below `Resources/` (`console/index.html`).
    init(_ path: String, contentType: String) {
        name = path
        self.contentType = contentType
        body = EmbeddedResources.files[path].map { ByteBuffer(string: $0) }
    }

    func response(cacheControl: String? = nil) throws -> Response {
        guard let body else {
            throw APIError(.internalServerError, "internal", "\(name) is missing from the server's resources")
        }
        var headers: HTTPFields = [.contentType: contentType]
        if let cacheControl { headers[.cacheControl] = cacheControl }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
