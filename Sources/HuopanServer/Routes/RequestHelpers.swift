import Foundation
import HTTPTypes
import Hummingbird
import HuopanCatalog
import NIOCore

extension Request {
    /// The body, refused before reading when its declared length is over
    /// `limit`, and cut off while reading when an undeclared one goes over.
    mutating func body(limit: Int) async throws -> Data {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(.contentTooLarge, "body_too_large", "the body is \(declared) bytes; at most \(limit) are accepted")
        }
        do {
            var buffer = try await collectBody(upTo: limit)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch let e as HTTPError where e.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "body_too_large", "the body is over the limit of \(limit) bytes")
        }
    }

    /// Decodes a JSON body; a malformed body or a field problem is a 400 naming it.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let data = try await body(limit: limit)
        guard !data.isEmpty else { throw APIError(.badRequest, "invalid_json", "the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw APIError(.badRequest, "invalid_json", FieldIssue(decodingError: error).description)
        }
    }
}

/// A JSON response.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
