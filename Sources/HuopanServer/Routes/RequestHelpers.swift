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
        // Foundation's decoder recurses per nesting level on a task's small stack:
        // refuse absurd nesting before it gets there (no request of this API nests beyond 5).
        if let depth = jsonDepthExceeding(data, limit: 32) {
            throw APIError(.badRequest, "invalid_json", "the body nests deeper than 32 levels (\(depth) seen)")
        }
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

/// The nesting depth of `data` once it exceeds `limit` (strings skipped), or nil.
func jsonDepthExceeding(_ data: Data, limit: Int) -> Int? {
    var depth = 0, inString = false, escaped = false
    for b in data {
        if inString {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            continue
        }
        switch b {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            if depth > limit { return depth }
        case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        default: break
        }
    }
    return nil
}
