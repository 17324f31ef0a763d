import Foundation

/// A catalog line that was not accepted, and why.
public struct RejectedLine: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var id: String?
    public var field: String
    public var reason: String

    public init(line: Int, id: String? = nil, field: String, reason: String) {
        self.line = line
        self.id = id
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "line \(line)\(id.map { " (id \($0))" } ?? ""): \(field.isEmpty ? "" : field + ": ")\(reason)"
    }
}

/// Reads offers from JSONL: one JSON object per line, blank lines ignored.
///
/// A bad line never stops the read: it becomes a `RejectedLine` naming the
/// line number, the field and the reason, and the good lines still go in.
public struct CatalogReader: Sendable {
    /// Longest accepted line; longer ones are rejected without being parsed.
    public var maxLineBytes = 64 * 1024

    public init() {}

    /// Decodes and validates one line (`lineNumber` is 1-based, for messages).
    public func decode(_ line: some Collection<UInt8>, lineNumber: Int) -> Result<Offer, RejectedLine> {
        guard line.count <= maxLineBytes else {
            return .failure(RejectedLine(line: lineNumber, field: "", reason: "line longer than \(maxLineBytes) bytes"))
        }
        let offer: Offer
        do {
            offer = try Offer(jsonBytes: line)
        } catch {
            return .failure(RejectedLine(line: lineNumber, id: Self.peekID(line), field: error.field, reason: error.reason))
        }
        let issues = offer.validate()
        if let first = issues.first {
            let reason =
                issues.count == 1
                ? first.reason
                : first.reason + " (and \(issues.count - 1) more: "
                    + issues.dropFirst().map(\.description).joined(separator: "; ") + ")"
            return .failure(RejectedLine(line: lineNumber, id: offer.id, field: first.field, reason: reason))
        }
        return .success(offer)
    }

    /// Reads a whole file. Throws only when the file cannot be read at all.
    public func read(contentsOf url: URL) throws -> (offers: [Offer], rejected: [RejectedLine]) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw CatalogError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return read(data)
    }

    public func read(_ data: Data) -> (offers: [Offer], rejected: [RejectedLine]) {
        var offers: [Offer] = []
        var rejected: [RejectedLine] = []
        for (number, range) in Self.lineRanges(data) {
            switch decode(data[range], lineNumber: number) {
            case .success(let offer): offers.append(offer)
            case .failure(let r): rejected.append(r)
            }
        }
        return (offers, rejected)
    }

    /// (1-based line number, byte range) of every non-blank line.
    public static func lineRanges(_ data: Data) -> [(Int, Range<Data.Index>)] {
        var out: [(Int, Range<Data.Index>)] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var number = 1
            func emit(_ end: Int) {
                var a = start, b = end
                while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 || bytes[a] == 0x0D { a += 1 }
                while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D { b -= 1 }
                if b > a { out.append((number, (data.startIndex + a)..<(data.startIndex + b))) }
            }
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                emit(i)
                start = i + 1
                number += 1
            }
            emit(bytes.count)
        }
        return out
    }

    /// The `id` of a line that failed to decode, when it can be found, for messages only.
    static func peekID(_ raw: some Collection<UInt8>) -> String? {
        guard let value = try? JSONValue.parse(raw), case .object(let members) = value else { return nil }
        for m in members where m.key == "id" { if case .string(let s) = m.value { return s } }
        return nil
    }
}

public enum CatalogError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read catalog \(path): \(reason)"
        }
    }
}
