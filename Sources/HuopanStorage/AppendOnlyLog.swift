// HuopanStorage: files the server appends to and must never lose or tear: the profile
// history, the search log and behaviour events. One record per line.
import Foundation
import Synchronization

/// A file of newline-terminated records that only grows, safe against crashes: a record
/// is acknowledged only after it is written whole and fsynced, and opening the file
/// repairs what a crash mid-append (or a full disk) leaves behind, a torn last line,
/// by cutting it off. A new record is therefore never glued onto a fragment.
public final class AppendOnlyLog: Sendable {
    public let url: URL
    private struct State {
        var fd: Int32
        /// Bytes of whole records; where the next one goes.
        var size: Int64
    }

    private let state: Mutex<State>
    /// Bytes of a torn tail cut off when the file was opened (0 when it was whole).
    public let repairedBytes: Int

    /// Opens (creating when missing) and repairs the file.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.error("cannot open", url) }
        do {
            let length = lseek(fd, 0, SEEK_END)
            guard length >= 0 else { throw Self.error("cannot read", url) }
            let whole = try Self.wholeRecordsLength(fd: fd, length: Int64(length), url: url)
            if whole < Int64(length) {
                guard ftruncate(fd, off_t(whole)) == 0, fsync(fd) == 0 else { throw Self.error("cannot repair", url) }
            }
            repairedBytes = Int(Int64(length) - whole)
            state = Mutex(State(fd: fd, size: whole))
        } catch {
            close(fd)
            throw error
        }
    }

    deinit {
        state.withLock { s in _ = close(s.fd) }
    }

    /// Length of the file up to and including its last newline.
    private static func wholeRecordsLength(fd: Int32, length: Int64, url: URL) throws -> Int64 {
        var end = length
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while end > 0 {
            let start = max(0, end - Int64(buffer.count))
            let n = Int(end - start)
            let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(start)) }
            guard read == n else { throw error("cannot read", url) }
            if let last = buffer[0..<n].lastIndex(of: 0x0A) { return start + Int64(last) + 1 }
            end = start
        }
        return 0
    }

    /// Every whole record, in order, without its newline.
    public func records() throws -> [Data] {
        let size = state.withLock { $0.size }
        guard size > 0 else { return [] }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: Int(size)) ?? Data()
        return data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Data($0) }
    }

    /// Appends one record (it must not contain a newline) and returns once it is on disk.
    /// A failed append leaves the file as it was.
    public func append(_ record: Data) throws {
        try append(contentsOf: CollectionOfOne(record))
    }

    /// Appends several records with one write and one fsync; all of them or none.
    public func append<C: Collection>(contentsOf records: C) throws where C.Element == Data {
        var lines = Data()
        for r in records {
            precondition(!r.contains(0x0A), "a record is one line")
            lines.append(r)
            lines.append(0x0A)
        }
        guard !lines.isEmpty else { return }
        try state.withLock { s in
            let written = lines.withUnsafeBytes { pwrite(s.fd, $0.baseAddress, $0.count, off_t(s.size)) }
            guard written == lines.count, fsync(s.fd) == 0 else {
                let failure = Self.error("cannot write", url)
                _ = ftruncate(s.fd, off_t(s.size))
                throw failure
            }
            s.size += Int64(lines.count)
        }
    }

    /// Bytes of whole records.
    public var size: Int64 { state.withLock { $0.size } }

    static func error(_ what: String, _ url: URL) -> AppendOnlyLogError {
        AppendOnlyLogError(message: "\(what) \(url.path): \(String(cString: strerror(errno)))")
    }
}

public struct AppendOnlyLogError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
