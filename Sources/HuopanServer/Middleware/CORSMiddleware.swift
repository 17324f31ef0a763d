import HTTPTypes
import Hummingbird

/// Lets a browser frontend on another origin call the API (`cors_origins`). Off unless
/// configured: a request from an origin on the list gets `Access-Control-Allow-Origin`
/// with that origin, and its preflight (`OPTIONS` with `Access-Control-Request-Method`) is
/// answered here with the methods and headers the API takes. Tokens travel in the
/// `Authorization` header, never in cookies, so credentials are not allowed.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Allowed origins (`https://shop.example.com`); `*` allows any.
    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains("*") || origins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .vary: "Origin",
                    .accessControlAllowMethods: "GET, POST, PUT, DELETE",
                    .accessControlAllowHeaders: "Authorization, Content-Type",
                    .accessControlMaxAge: "600",
                ])
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Errors become responses only above this middleware; a browser must be able to read them too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "X-Request-Id, Retry-After"
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        return response
    }
}
