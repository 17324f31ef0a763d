import Foundation
import HTTPTypes
import Hummingbird
import HuopanCatalog

/// Every error leaves the server as JSON: `{"error": {"code", "message", "request_id"}}`,
/// with a status that says whose fault it is. The request id is also in the log line of
/// every server-side failure, so a report can be matched to it.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var headers: HTTPFields = [:]
    /// Filled in by `ErrorMiddleware`.
    var requestID: String?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func invalid(_ issue: FieldIssue) -> APIError {
        APIError(.badRequest, "invalid_request", issue.description)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(error: .init(code: code, message: message, requestID: requestID ?? context.id))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}

/// The JSON shape of every error response.
struct ErrorBody: Codable {
    struct Detail: Codable {
        let code: String
        let message: String
        let requestID: String

        enum CodingKeys: String, CodingKey { case code, message, requestID = "request_id" }
    }

    let error: Detail
}
