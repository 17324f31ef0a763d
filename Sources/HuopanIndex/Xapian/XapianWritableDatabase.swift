import CXapian
import Foundation
import Synchronization

/// A writable Xapian database. One writer per database (Xapian holds a lock);
/// calls are serialised by `lock`, which is why the class is `@unchecked Sendable`.
public final class XapianWritableDatabase: @unchecked Sendable {
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let create = Options(rawValue: Int32(CX_WDB_CREATE))
        public static let overwrite = Options(rawValue: Int32(CX_WDB_OVERWRITE))
        /// Skip fsync: only for scratch databases that are compacted (and synced) afterwards.
        public static let noSync = Options(rawValue: Int32(CX_WDB_NO_SYNC))
    }

    private let lock = Mutex<Void>(())
    private var handle: OpaquePointer?
    public let path: String

    public init(path: String, options: Options = [.create]) throws {
        var h: OpaquePointer?
        try xapianCall { cx_wdb_open(path, options.rawValue, &h, $0) }
        handle = h
        self.path = path
    }

    deinit { if let handle { cx_wdb_close(handle, nil) } }

    private func withHandle<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        try lock.withLock { _ in
            guard let handle else { throw XapianError(kind: .database, message: "database \(path) is closed") }
            return try body(handle)
        }
    }

    /// Adds or replaces the document indexed by the unique term `idTerm`.
    public func replace(idTerm: String, with document: XapianDocument) throws {
        try withHandle { h in try document.withSpec { spec in try xapianCall { cx_wdb_replace(h, idTerm, spec, $0) } } }
    }

    /// Adds a document the caller knows to be new; returns its docid.
    @discardableResult
    public func add(_ document: XapianDocument) throws -> UInt32 {
        try withHandle { h in
            var docid: UInt32 = 0
            try document.withSpec { spec in try xapianCall { cx_wdb_add(h, spec, &docid, $0) } }
            return docid
        }
    }

    /// Deletes the documents indexed by `idTerm`; true when there was one.
    @discardableResult
    public func delete(idTerm: String) throws -> Bool {
        try deleting { h, deleted, error in cx_wdb_delete(h, idTerm, deleted, error) }
    }

    /// Deletes one document by docid; true when it existed.
    @discardableResult
    public func delete(docid: UInt32) throws -> Bool {
        try deleting { h, deleted, error in cx_wdb_delete_docid(h, docid, deleted, error) }
    }

    /// Runs one of the shim's delete calls; true when it deleted something.
    private func deleting(
        _ call: (OpaquePointer, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32
    ) throws -> Bool {
        try withHandle { h in
            var deleted: Int32 = 0
            try xapianCall { call(h, &deleted, $0) }
            return deleted != 0
        }
    }

    /// Makes every change so far durable (Xapian fsyncs unless opened with `.noSync`).
    public func commit() throws {
        try withHandle { h in try xapianCall { cx_wdb_commit(h, $0) } }
    }

    /// Starts a group of changes committed whole (`commitTransaction`) or not at all
    /// (`cancelTransaction`). Inside it, `commit()` is not allowed.
    public func beginTransaction() throws {
        try withHandle { h in try xapianCall { cx_wdb_begin_transaction(h, $0) } }
    }

    public func commitTransaction() throws {
        try withHandle { h in try xapianCall { cx_wdb_commit_transaction(h, $0) } }
    }

    public func cancelTransaction() throws {
        try withHandle { h in try xapianCall { cx_wdb_cancel_transaction(h, $0) } }
    }

    public func documentCount() throws -> Int {
        try withHandle { h in
            var n: UInt32 = 0
            try xapianCall { cx_wdb_doccount(h, &n, $0) }
            return Int(n)
        }
    }

    /// Commits, releases the write lock and frees the handle.
    public func close() throws {
        try lock.withLock { _ in
            guard let h = handle else { return }
            handle = nil
            try xapianCall { cx_wdb_close(h, $0) }
        }
    }

    /// Merges databases into one compact database at `output` (Xapian's compactor).
    public static func compact(_ inputs: [String], into output: String) throws {
        try xapianCall { err in
            var cStrings = inputs.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            return cStrings.withUnsafeMutableBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) {
                    cx_compact($0, UInt32(buf.count), output, err)
                }
            }
        }
    }
}
