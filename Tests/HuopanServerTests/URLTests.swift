// Properties checked (what a user typing into curl or a browser meets):
// - raw UTF-8 in a URL is read as the query it spells, on every request of a keep-alive
//   connection, while a body with raw bytes is passed on untouched;
// - query strings are application/x-www-form-urlencoded: `+` is a space, `%2B` a plus;
// - a request the HTTP parser refuses gets the API's JSON error shape, not an empty 400.
import Foundation
import HuopanTestSupport
import Testing

@Suite struct URLTests {
    @Test func rawUTF8AndPlusSigns() async throws {
        let server = try TestServer.make(offers: 300)
        try await server.serve { port in
            let (first, second, plus, escaped, post) = try await RawConnection.offload {
                () throws -> (HTTPResponseText, HTTPResponseText, HTTPResponseText, HTTPResponseText, HTTPResponseText) in
                let c = try RawConnection(port: port)
                let first = try c.exchange("GET /v1/search?q=保温杯&size=1 HTTP/1.1\r\nHost: t\r\n\r\n")
                let second = try c.exchange("GET /v1/search?q=连衣裙&size=1 HTTP/1.1\r\nHost: t\r\n\r\n")
                let plus = try c.exchange(
                    "GET /v1/search?q=%E5%B8%86%E5%B8%83%E8%A2%8B+%E6%9D%A5%E5%9B%BE%E5%AE%9A%E5%88%B6 HTTP/1.1\r\nHost: t\r\n\r\n")
                let escaped = try c.exchange("GET /v1/search?q=a%2Bb HTTP/1.1\r\nHost: t\r\n\r\n")
                let body = #"{"q":"保温杯 1000个","size":1}"#
                let post = try c.exchange(
                    "POST /v1/search HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                )
                return (first, second, plus, escaped, post)
            }
            #expect(first.status == 200 && (first.json["query"] as? [String: Any])?["text"] as? String == "保温杯")
            #expect(second.status == 200 && (second.json["query"] as? [String: Any])?["text"] as? String == "连衣裙")
            #expect((plus.json["query"] as? [String: Any])?["text"] as? String == "帆布袋 来图定制")
            #expect((escaped.json["query"] as? [String: Any])?["text"] as? String == "a+b")
            #expect(post.status == 200 && post.json["qty"] as? Int == 1000, "\(post.body)")
        }
    }

    @Test func malformedRequestsGetTheJSONErrorShape() async throws {
        let server = try TestServer.make(offers: 100)
        try await server.serve { port in
            for raw in ["GARBAGE \u{1}\u{2} nonsense\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost t\r\n\r\n"] {
                let r = try await RawConnection.offload { try RawConnection(port: port).exchange(raw) }
                #expect(r.status == 400)
                #expect((r.json["error"] as? [String: Any])?["code"] as? String == "malformed_request", "\(r.body)")
            }
        }
    }
}
