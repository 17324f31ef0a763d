import CXapian

/// An error raised inside Xapian (or the shim), carrying Xapian's own message.
public struct XapianError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case databaseOpening, databaseNotFound, databaseLocked, databaseCorrupt, databaseModified
        case databaseVersion, database, networkTimeout, network, invalidArgument
        /// A query Xapian refuses (UnimplementedError).
        case unimplemented
        /// Query bytecode the shim refuses.
        case badQuery
        case other
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    init(status: Int32, message: UnsafeMutablePointer<CChar>?) {
        let text = message.map { String(cString: $0) } ?? "Xapian error \(status)"
        cx_string_free(message)
        self.message = text
        switch Int(status) {
        case Int(CX_ERR_DATABASE_OPENING): kind = .databaseOpening
        case Int(CX_ERR_DATABASE_NOT_FOUND): kind = .databaseNotFound
        case Int(CX_ERR_DATABASE_LOCK): kind = .databaseLocked
        case Int(CX_ERR_DATABASE_CORRUPT): kind = .databaseCorrupt
        case Int(CX_ERR_DATABASE_MODIFIED): kind = .databaseModified
        case Int(CX_ERR_DATABASE_VERSION): kind = .databaseVersion
        case Int(CX_ERR_DATABASE): kind = .database
        case Int(CX_ERR_NETWORK_TIMEOUT): kind = .networkTimeout
        case Int(CX_ERR_NETWORK): kind = .network
        case Int(CX_ERR_INVALID_ARGUMENT): kind = .invalidArgument
        case Int(CX_ERR_BAD_QUERY): kind = .badQuery
        case Int(CX_ERR_UNIMPLEMENTED): kind = .unimplemented
        default: kind = .other
        }
    }

    /// Whether the failure is about reaching the database (a remote shard down),
    /// as opposed to a bad request or a damaged database.
    public var isUnavailable: Bool { kind == .network || kind == .networkTimeout }
}

/// Runs a shim call and throws its error, if any.
@inline(__always)
func xapianCall(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32) throws {
    var err: UnsafeMutablePointer<CChar>?
    let status = body(&err)
    if status != 0 { throw XapianError(status: status, message: err) }
}

/// Copies a shim-owned buffer into an array and frees it.
func takeBuffer(_ pointer: UnsafeMutablePointer<UInt8>?, _ length: UInt32) -> [UInt8] {
    defer { cx_buffer_free(pointer) }
    guard let pointer, length > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
}
