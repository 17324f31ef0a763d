import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a test server, for what an HTTP client library will not
/// send: raw UTF-8 in a URL, chunked bodies, a header that never ends.
public final class RawConnection: @unchecked Sendable {
    private var fd: Int32

    public init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            Glibc.close(fd)
            throw RawHTTPError("connect: \(String(cString: strerror(errno)))")
        }
        // A server that stops reading must not block a sender for ever.
        var limit = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Runs blocking socket work on a thread of its own: blocking one of Swift
    /// concurrency's few cooperative threads would stall the server under test.
    public static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Closes the connection now.
    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawHTTPError("send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Reads until the peer closes or `timeout` passes without data; returns what came.
    public func receive(timeout: Double) -> (data: [UInt8], closed: Bool) {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(timeout * 1000))
            if ready <= 0 { return (out, false) }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return (out, true) }
            out += buffer[0..<n]
            // One complete response with a Content-Length is enough.
            if let response = HTTPResponseText(out), response.isComplete { return (out, false) }
        }
    }

    /// Sends a request and reads one response.
    public func exchange(_ request: String, timeout: Double = 30) throws -> HTTPResponseText {
        try send(request)
        let (data, _) = receive(timeout: timeout)
        guard let response = HTTPResponseText(data) else { throw RawHTTPError("no HTTP response (\(data.count) bytes)") }
        return response
    }
}

/// A response read off a raw connection.
public struct HTTPResponseText: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: String
    let complete: Bool

    public init?(_ bytes: [UInt8]) {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.hasPrefix("HTTP/1."), statusLine.count >= 12,
            let status = Int(statusLine.dropFirst(9).prefix(3))
        else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let bodyBytes = bytes[end.upperBound...]
        self.status = status
        self.headers = headers
        body = String(decoding: bodyBytes, as: UTF8.self)
        complete = headers["content-length"].flatMap(Int.init).map { bodyBytes.count >= $0 } ?? false
    }

    var isComplete: Bool { complete }

    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

public struct RawHTTPError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
