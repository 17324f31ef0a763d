import Foundation
import Hummingbird

/// A file shipped as a resource of this target (the OpenAPI document, the console),
/// read once when the routes are registered and served from memory.
struct StaticFile: Sendable {
    let name: String
    let contentType: String
    private let body: ByteBuffer?

    init(_ name: String, in subdirectory: String, contentType: String) {
        self.name = name
        self.contentType = contentType
        body = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: subdirectory)
            .flatMap { try? Data(contentsOf: $0) }
            .map { ByteBuffer(bytes: $0) }
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
