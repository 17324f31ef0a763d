import Foundation
import Testing

@testable import HuopanCatalog

@Suite struct JSONValueTests {
    func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(Array(s.utf8)) }

    @Test func parsesEveryKind() throws {
        let v = try parse(#"{"a": [1, -2.5, 3e2, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}}"#)
        #expect(v["a"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(v["b"] == .string("x\"\\/\né😀"))
        #expect(v["c"] == .object([]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "tru", "01", "1.", "\"\u{1}\"", "{} x", "\"abc", "[1 2]", "-", "\"\\q\""])
    func rejectsMalformed(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try parse(text) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONValue.ParseError.self) { try parse(deep) }
    }

    @Test func roundTripsThroughEncodable() throws {
        let text = #"{"b":[1,2.5,"x"],"a":true}"#
        let v = try parse(text)
        let encoded = try JSONEncoder().encode(v)
        #expect(try JSONValue.parse(Array(encoded)) == v)
    }

    /// RFC 7396's own examples: objects merge, null removes, anything else replaces.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func mergesAsAMergePatch(target: String, patch: String, result: String) throws {
        #expect(try parse(target).merging(try parse(patch)) == (try parse(result)))
    }
}
