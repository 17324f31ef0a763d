import Foundation
import HTTPTypes
import Hummingbird
import HuopanCatalog
import HuopanIndex
import HuopanRanking

/// Every error leaves the server as JSON: `{"error": {"code": ..., "message": ...}}`,
/// with a status that says whose fault it is.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func invalid(_ issue: FieldIssue) -> APIError {
        APIError(.badRequest, "invalid_request", issue.description)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(ErrorBody(error: .init(code: code, message: message)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns whatever a route throws into an `APIError`, so nothing reaches a
/// client as an empty 500 and no error escapes to crash the process.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            throw e
        } catch {
            throw Self.translate(error, context: context)
        }
    }

    static func translate(_ error: Error, context: Context) -> APIError {
        switch error {
        case let e as HTTPError:
            let code = switch e.status.code {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 413: "body_too_large"
            default: "http_\(e.status.code)"
            }
            return APIError(e.status, code, e.body ?? e.status.reasonPhrase)
        case let e as SearchError:
            if case .unknownProfile = e { return APIError(.badRequest, "unknown_profile", e.description) }
            return APIError(.badRequest, "invalid_request", e.description)
        case let e as FieldIssue:
            return .invalid(e)
        case let e as ServiceError:
            switch e {
            case .badRequest: return APIError(.badRequest, "invalid_request", e.description)
            case .forbidden: return APIError(.forbidden, "forbidden", e.description)
            case .conflict: return APIError(.conflict, "conflict", e.description)
            case .unavailable: return APIError(.serviceUnavailable, "unavailable", e.description)
            }
        case let e as ProfileStoreError:
            switch e {
            case .invalid: return APIError(.unprocessableContent, "invalid_profile", e.description)
            case .unknown, .noSuchVersion: return APIError(.notFound, "not_found", e.description)
            case .nothingToRollBack: return APIError(.conflict, "conflict", e.description)
            case .io: return APIError(.internalServerError, "internal", e.description)
            }
        case let e as ShardsUnavailable:
            return APIError(.serviceUnavailable, "shards_unavailable", e.description)
        case let e as XapianError where e.isUnavailable:
            return APIError(.serviceUnavailable, "shards_unavailable", "a shard did not answer: \(e.message)")
        case is DeadlineExceeded:
            return APIError(.serviceUnavailable, "timeout", "the request took longer than its deadline")
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return APIError(.internalServerError, "internal", "\(error)")
        }
    }
}

/// The JSON shape of every error response.
struct ErrorBody: Codable {
    struct Detail: Codable {
        let code: String
        let message: String
    }

    let error: Detail
}
