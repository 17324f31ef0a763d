import Foundation

/// A parsed JSON value. Catalog lines are read through this instead of
/// `JSONDecoder`: a 1M-offer build spent two thirds of its worker time in
/// Foundation's generic decoding, and mapping from a plain tree also lets every
/// error name its field (`price_tiers[1].unit_price: expected a number`).
public enum JSONValue: Sendable, Hashable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        // Objects are unordered (RFC 8259): equal when they have the same members.
        case let (.object(x), .object(y)):
            Dictionary(x.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                == Dictionary(y.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .object(let o): h.combine(Dictionary(o.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
        case .array(let a): h.combine(a)
        case .string(let s): h.combine(s)
        case .number(let n): h.combine(n)
        case .bool(let b): h.combine(b)
        case .null: h.combine(0)
        }
    }

    /// What kind of value this is, for messages ("expected a number, got a string").
    public var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        /// Where in the document it happened (`supplier.name`, `price_tiers[1]`); empty at the top.
        public var path = ""
        public var description: String { "malformed JSON at byte \(offset): \(reason)" }

        /// The error seen from one level up: `key` (an object member) or `[index]`.
        func inside(_ component: String) -> ParseError {
            var e = self
            e.path = component + (path.isEmpty || path.hasPrefix("[") ? path : "." + path)
            return e
        }
    }

    /// Parses one JSON document (RFC 8259); trailing whitespace is allowed, anything else is not.
    public static func parse<C: Collection>(_ bytes: C, maxDepth: Int = 64) throws -> JSONValue where C.Element == UInt8 {
        let result = bytes.withContiguousStorageIfAvailable { buf -> Result<JSONValue, ParseError> in
            var p = Parser(bytes: buf, maxDepth: maxDepth)
            return Result { try p.document() }.mapError { $0 as! ParseError }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), maxDepth: maxDepth)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var i = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func fail(_ reason: String) -> ParseError { ParseError(offset: i, reason: reason) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func document() throws -> JSONValue {
            skipSpace()
            let v = try value()
            skipSpace()
            guard i == bytes.count else { throw fail("unexpected data after the value") }
            return v
        }

        mutating func value() throws -> JSONValue {
            guard i < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[i] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw fail("unexpected end of input") }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw fail("invalid literal") }
            i += n
        }

        mutating func object() throws -> JSONValue {
            depth += 1
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth)") }
            defer { depth -= 1 }
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
                i += 1
                skipSpace()
                do {
                    members.append((key, try value()))
                } catch let e as ParseError {
                    // Only the failure path pays for naming where it happened.
                    throw e.inside(key)
                }
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of input in object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                throw fail("expected ',' or '}' in object")
            }
        }

        mutating func array() throws -> JSONValue {
            depth += 1
            guard depth <= maxDepth else { throw fail("nested deeper than \(maxDepth)") }
            defer { depth -= 1 }
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                do {
                    items.append(try value())
                } catch let e as ParseError {
                    throw e.inside("[\(items.count)]")
                }
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of input in array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']' in array")
            }
        }

        mutating func string() throws -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    defer { i += 1 }
                    return try text(UnsafeBufferPointer(rebasing: bytes[start..<i]), at: start)
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw fail("control character in string") }
                i += 1
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return try out.withUnsafeBufferPointer { try text($0, at: start) }
                }
                if b < 0x20 { throw fail("control character in string") }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count,
                        bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                    {
                        i += 2
                        let low = try hex4()
                        scalar = (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(s).utf8)
                default:
                    throw fail("invalid escape")
                }
            }
            throw fail("unterminated string")
        }

        /// The string of `raw`, refusing bytes that are not UTF-8: decoding would turn
        /// them into U+FFFD and the offer would be indexed with text nobody wrote.
        func text(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
            if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
            guard let s = String(validating: raw, as: UTF8.self) else {
                throw ParseError(offset: offset, reason: "invalid UTF-8 in a string")
            }
            return s
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
                default: throw fail("invalid \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func number() throws -> Double {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, (48...57).contains(bytes[i]) else { throw fail("invalid number") }
            var integer: UInt64 = 0
            var digits = 0
            if bytes[i] == 48 {
                i += 1
            } else {
                while i < bytes.count, (48...57).contains(bytes[i]) {
                    integer = integer &* 10 &+ UInt64(bytes[i] - 48)
                    digits += 1
                    i += 1
                }
            }
            var simple = digits <= 15
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                simple = false
                i += 1
                guard i < bytes.count, (48...57).contains(bytes[i]) else { throw fail("invalid number") }
                while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                simple = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, (48...57).contains(bytes[i]) else { throw fail("invalid number") }
                while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
            }
            if simple { return bytes[start] == UInt8(ascii: "-") ? -Double(integer) : Double(integer) }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let v = Double(text), v.isFinite else { throw fail("number out of range") }
            return v
        }
    }
}

/// Reads fields of a JSON object by name, reporting problems with the field's path.
public struct JSONFields {
    public let path: String
    private let members: [(key: String, value: JSONValue)]

    public init(_ value: JSONValue, path: String = "") throws(FieldIssue) {
        guard case .object(let members) = value else {
            throw FieldIssue(field: path, reason: "expected an object, got \(value.kindName)")
        }
        self.members = members
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Throws for the first key not in `allowed`: a misspelt field must be reported, not ignored.
    public func rejectUnknown(_ allowed: Set<String>) throws(FieldIssue) {
        for m in members where !allowed.contains(m.key) { throw FieldIssue(field: name(m.key), reason: "unknown field") }
    }

    public func raw(_ key: String) -> JSONValue? {
        var found: JSONValue?
        for m in members where m.key == key { found = m.value }
        if case .null? = found { return nil }
        return found
    }

    public func string(_ key: String) throws(FieldIssue) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else { throw FieldIssue(field: name(key), reason: "expected a string, got \(v.kindName)") }
        return s
    }

    public func int(_ key: String) throws(FieldIssue) -> Int? {
        guard let v = raw(key) else { return nil }
        guard case .number(let n) = v else { throw FieldIssue(field: name(key), reason: "expected an integer, got \(v.kindName)") }
        guard n.rounded() == n, abs(n) < 9e15 else { throw FieldIssue(field: name(key), reason: "expected an integer, got \(n)") }
        return Int(n)
    }

    public func double(_ key: String) throws(FieldIssue) -> Double? {
        guard let v = raw(key) else { return nil }
        guard case .number(let n) = v else { throw FieldIssue(field: name(key), reason: "expected a number, got \(v.kindName)") }
        return n
    }

    public func bool(_ key: String) throws(FieldIssue) -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else { throw FieldIssue(field: name(key), reason: "expected true or false, got \(v.kindName)") }
        return b
    }

    public func array(_ key: String) throws(FieldIssue) -> [JSONValue]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let a) = v else { throw FieldIssue(field: name(key), reason: "expected an array, got \(v.kindName)") }
        return a
    }

    public func strings(_ key: String) throws(FieldIssue) -> [String]? {
        guard let a = try array(key) else { return nil }
        var out: [String] = []
        for (i, v) in a.enumerated() {
            guard case .string(let s) = v else {
                throw FieldIssue(field: "\(name(key))[\(i)]", reason: "expected a string, got \(v.kindName)")
            }
            out.append(s)
        }
        return out
    }

    public func object(_ key: String) throws(FieldIssue) -> JSONFields? {
        guard let v = raw(key) else { return nil }
        return try JSONFields(v, path: name(key))
    }

    public func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(FieldIssue) -> E?
    where E.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let e = E(rawValue: s) else {
            throw FieldIssue(field: name(key), reason: "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(s)\"")
        }
        return e
    }

    public func stringMap(_ key: String) throws(FieldIssue) -> [String: String]? {
        guard let v = raw(key) else { return nil }
        guard case .object(let members) = v else { throw FieldIssue(field: name(key), reason: "expected an object, got \(v.kindName)") }
        var out: [String: String] = [:]
        for m in members {
            guard case .string(let s) = m.value else {
                throw FieldIssue(field: "\(name(key)).\(m.key)", reason: "expected a string, got \(m.value.kindName)")
            }
            out[m.key] = s
        }
        return out
    }
}

extension JSONValue: Encodable {
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .object(let members):
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            for m in members { try c.encode(m.value, forKey: AnyCodingKey(stringValue: m.key)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if n.rounded() == n, abs(n) < 1e15 { try c.encode(Int(n)) } else { try c.encode(n) }
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let n) = self { return n }
        return nil
    }
}

extension JSONValue {
    /// `self` with `other` laid over it as a JSON merge patch (RFC 7396): objects merge member
    /// by member (recursively), a `null` member removes that member, anything else replaces
    /// what is here. A partial profile over a published one.
    public func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(let theirs) = other else { return other }
        guard case .object(let mine) = self else { return JSONValue.object([]).merging(other) }
        var members = mine
        for (key, value) in theirs {
            if value == .null {
                members.removeAll { $0.key == key }
            } else if let i = members.firstIndex(where: { $0.key == key }) {
                members[i].value = members[i].value.merging(value)
            } else {
                members.append((key, JSONValue.null.merging(value)))
            }
        }
        return .object(members)
    }

    /// An object without the given members.
    public func removing(_ keys: Set<String>) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }
}

extension JSONValue: Decodable {
    /// Any JSON a `Decoder` reads (a request body kept as a tree, to merge or check it).
    public init(from decoder: Decoder) throws {
        if let c = try? decoder.container(keyedBy: AnyCodingKey.self) {
            self = .object(try c.allKeys.map { ($0.stringValue, try c.decode(JSONValue.self, forKey: $0)) })
        } else if var c = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !c.isAtEnd { items.append(try c.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else {
                self = .string(try c.decode(String.self))
            }
        }
    }
}
