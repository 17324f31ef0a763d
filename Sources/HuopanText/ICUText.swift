import CICU

/// Errors from the ICU layer, with ICU's own message.
public struct TextError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// The NUL-terminated message an ICU wrapper wrote into `buffer`.
func message(_ buffer: [CChar]) -> String {
    buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

/// Owns one ICU word breaker and its buffers. Not thread-safe by design:
/// ICU break iterators are stateful, so each `Analyzer` owns exactly one.
final class ICUText {
    private let handle: OpaquePointer

    init() throws {
        var err = [CChar](repeating: 0, count: 256)
        var h: OpaquePointer?
        guard cicu_analyzer_open(&h, &err, Int32(err.count)) == 0, let h else {
            throw TextError(message: "ICU word breaker: " + message(err))
        }
        handle = h
    }

    deinit { cicu_analyzer_close(handle) }

    /// Normalises `text` and, if asked, breaks it into ICU word spans.
    /// Calls `body` with views that are valid only during the call.
    func run<R>(
        _ text: String, segment: Bool,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<cicu_span>) throws -> R
    ) throws -> R {
        var text = text
        return try text.withUTF8 { utf8 -> R in
            if utf8.isEmpty { return try body(UnsafeBufferPointer(start: nil, count: 0), UnsafeBufferPointer(start: nil, count: 0)) }
            var err = [CChar](repeating: 0, count: 256)
            var out: UnsafePointer<CChar>?
            var outLen: Int32 = 0
            var spans: UnsafePointer<cicu_span>?
            var count: Int32 = 0
            let base = UnsafeRawPointer(utf8.baseAddress!).assumingMemoryBound(to: CChar.self)
            let status = cicu_analyze(
                handle, base, Int32(clamping: utf8.count), segment ? 1 : 0,
                &out, &outLen, &spans, &count, &err, Int32(err.count))
            guard status == 0 else { throw TextError(message: message(err)) }
            let bytes = UnsafeBufferPointer(
                start: out.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                count: Int(outLen))
            return try body(bytes, UnsafeBufferPointer(start: spans, count: Int(count)))
        }
    }
}

/// An ICU transliterator (for example "Han-Latin; Latin-ASCII" for toneless pinyin).
/// Stateful like the breaker: one per thread.
public final class Transliterator {
    private let handle: OpaquePointer
    public let id: String

    public init(_ id: String) throws {
        var err = [CChar](repeating: 0, count: 256)
        var h: OpaquePointer?
        guard cicu_translit_open(id, &h, &err, Int32(err.count)) == 0, let h else {
            throw TextError(message: "transliterator \(id): " + message(err))
        }
        handle = h
        self.id = id
    }

    deinit { cicu_translit_close(handle) }

    public func callAsFunction(_ text: String) throws -> String {
        var text = text
        return try text.withUTF8 { utf8 in
            if utf8.isEmpty { return "" }
            var err = [CChar](repeating: 0, count: 256)
            var out: UnsafePointer<CChar>?
            var outLen: Int32 = 0
            let base = UnsafeRawPointer(utf8.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard cicu_translit_run(handle, base, Int32(clamping: utf8.count), &out, &outLen, &err, Int32(err.count)) == 0 else {
                throw TextError(message: message(err))
            }
            let bytes = UnsafeBufferPointer(
                start: out.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                count: Int(outLen))
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
