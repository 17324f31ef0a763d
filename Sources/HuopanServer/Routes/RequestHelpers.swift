import Foundation
import HTTPTypes
import Hummingbird
import HuopanCatalog
import HuopanIndex
import NIOCore

extension Request {
    /// The body, refused before reading when its declared length is over `limit`, and
    /// cut off while reading when an undeclared (chunked) one goes over. A client that
    /// sends slower than the deadline gets a 503 instead of holding a worker.
    func body(limit: Int, deadline: Deadline) async throws -> Data {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(.contentTooLarge, "body_too_large", "the body is \(declared) bytes; at most \(limit) are accepted")
        }
        let body = self.body
        do {
            var buffer = try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
                group.addTask { try await body.collect(upTo: limit) }
                group.addTask {
                    let seconds = deadline.remaining
                    if seconds.isFinite {
                        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                    } else {
                        try await Task.sleep(for: .seconds(86_400 * 365))
                    }
                    throw DeadlineExceeded()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch let e as HTTPError where e.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "body_too_large", "the body is over the limit of \(limit) bytes")
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "body_too_large", "the body is over the limit of \(limit) bytes")
        }
    }

    /// Decodes a JSON body; a malformed body or a field problem is a 400 naming it.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int, deadline: Deadline) async throws -> T {
        let data = try await body(limit: limit, deadline: deadline)
        guard !data.isEmpty else { throw APIError(.badRequest, "invalid_json", "the request needs a JSON body") }
        // Foundation's decoder recurses per nesting level on a task's small stack:
        // refuse absurd nesting before it gets there (no request of this API nests beyond 5).
        if let depth = jsonDepthExceeding(data, limit: 32) {
            throw APIError(.badRequest, "invalid_json", "the body nests deeper than 32 levels (\(depth) seen)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw APIError(
                .badRequest, "invalid_json",
                FieldIssue(decoding: data, error: error) { _ = try JSONDecoder().decode(T.self, from: $0) }.description)
        }
    }
}

/// A JSON response.
func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// The nesting depth of `data` once it exceeds `limit` (strings skipped), or nil.
func jsonDepthExceeding(_ data: Data, limit: Int) -> Int? {
    var depth = 0, inString = false, escaped = false
    for b in data {
        if inString {
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inString = false
            }
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
