import Foundation
import HTTPTypes
import Hummingbird
import HuopanCatalog
import HuopanEngine
import HuopanIndex
import HuopanRanking
import HuopanText
import NIOCore

/// Turns whatever a route throws into an `APIError`, so nothing reaches a client as an
/// empty 500 and no error escapes to crash the process. Server-side failures are logged
/// with the request id and answered "internal error" with that id: their text can name
/// files and internals a client has no business seeing.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch var e as APIError {
            e.requestID = context.id
            throw e
        } catch {
            var e = Self.translate(error, request: request, context: context)
            e.requestID = context.id
            throw e
        }
    }

    static func translate(_ error: Error, request: Request, context: Context) -> APIError {
        switch error {
        case let e as HTTPError:
            let code =
                switch e.status.code {
                case 400: "invalid_request"
                case 404: "not_found"
                case 405: "method_not_allowed"
                case 413: "body_too_large"
                default: "http_\(e.status.code)"
                }
            return APIError(e.status, code, e.body ?? e.status.reasonPhrase)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "body_too_large", "the body is over the size limit")
        case let e as SearchError:
            if case .unknownProfile = e { return APIError(.badRequest, "unknown_profile", e.description) }
            return APIError(.badRequest, "invalid_request", e.description)
        case let e as FieldIssue:
            return .invalid(e)
        case let e as MaintenanceError:
            switch e {
            case .badRequest: return APIError(.badRequest, "invalid_request", e.description)
            case .forbidden: return APIError(.forbidden, "forbidden", e.description)
            case .conflict: return APIError(.conflict, "conflict", e.description)
            case .unavailable: return APIError(.serviceUnavailable, "unavailable", e.description)
            case .tooLarge: return APIError(.contentTooLarge, "too_large", e.description)
            }
        case let e as ProfileStoreError:
            switch e {
            case .invalid: return APIError(.unprocessableContent, "invalid_profile", e.description)
            case .unknown, .noSuchVersion, .unknownExperiment: return APIError(.notFound, "not_found", e.description)
            case .nothingToRollBack, .experimentConflict: return APIError(.conflict, "conflict", e.description)
            case .io: return internalError(error, request: request, context: context)
            }
        case let e as QueueFull:
            // Operators are told to come back (429); searches and writes meet an overloaded server (503).
            var api = APIError(
                e.queue == "operator" ? .tooManyRequests : .serviceUnavailable,
                e.queue == "operator" ? "too_many_requests" : "overloaded", e.description)
            api.headers[.retryAfter] = String(e.retryAfter)
            return api
        case let e as TextError:
            // A data file an operator edits (the synonyms) that cannot be loaded as it is.
            return APIError(.unprocessableContent, "invalid_file", e.message)
        case let e as ShardsUnavailable:
            return APIError(.serviceUnavailable, "shards_unavailable", e.description)
        case let e as XapianError where e.isUnavailable:
            context.logger.warning("a shard did not answer", metadata: ["error": "\(e.message)"])
            return APIError(.serviceUnavailable, "shards_unavailable", "a shard did not answer")
        case is DeadlineExceeded:
            var api = APIError(.serviceUnavailable, "timeout", "the request took longer than its deadline and was stopped")
            api.headers[.retryAfter] = "1"
            return api
        default:
            return internalError(error, request: request, context: context)
        }
    }

    static func internalError(_ error: Error, request: Request, context: Context) -> APIError {
        context.logger.error(
            "internal error",
            metadata: [
                "request_id": "\(context.id)", "method": "\(request.method)",
                "path": "\(request.uri.path)", "error": "\(error)",
            ])
        return APIError(.internalServerError, "internal", "internal error (request id \(context.id))")
    }
}
