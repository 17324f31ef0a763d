import Foundation
import HuopanCatalog

extension CorpusGenerator {
    static func date(fromEpochDay z: Int) -> String {
        // Civil from days (inverse of Offer.epochDay).
        let z = z + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Writes the catalog as JSONL to a new or truncated file (and the ground truth as TSV
    /// `id<TAB>product_type`).
    public func write(catalog: URL, truth: URL?) throws {
        let out = try Self.openForWriting(catalog)
        defer { try? out.close() }
        try write(to: out, truth: truth)
    }

    /// Writes the catalog to an open handle (standard output for the CLI), generating
    /// chunks in parallel and writing them in order.
    public func write(to out: FileHandle, truth: URL?) throws {
        let truthOut = try truth.map(Self.openForWriting)
        defer { try? truthOut?.close() }
        let chunk = 5_000
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var start = 0
        while start < offerCount {
            let batch = (0..<workers).map { start + $0 * chunk }.filter { $0 < offerCount }
            let results = ChunkResults(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { k in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var lines = Data()
                var truths = ""
                for i in batch[k]..<min(batch[k] + chunk, offerCount) {
                    let (offer, t) = self.offer(i)
                    lines.append((try? encoder.encode(offer)) ?? Data())
                    lines.append(0x0A)
                    truths += "\(t.id)\t\(t.productType)\n"
                }
                results.set(k, lines, truths)
            }
            for k in 0..<batch.count {
                let (lines, truths) = results.get(k)
                try out.write(contentsOf: lines)
                try truthOut?.write(contentsOf: Data(truths.utf8))
            }
            start += workers * chunk
        }
    }

    /// Opens a regular file for writing, creating or truncating it in place. Unlike
    /// `FileManager.createFile` (which writes a temporary file and renames it over the
    /// path) it never replaces what the path is: a device or a symlink stays one.
    static func openForWriting(_ url: URL) throws -> FileHandle {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "cannot write \(url.path): \(String(cString: strerror(errno)))",
                ])
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Reads a ground-truth TSV written by `write`.
    public static func readTruth(_ url: URL) throws -> [String: String] {
        var map: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { map[String(parts[0])] = String(parts[1]) }
        }
        return map
    }
}

/// Per-chunk outputs of the parallel writer; each slot is written by one worker.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [(Data, String)]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: (Data(), ""), count: count) }
    func set(_ k: Int, _ d: Data, _ t: String) { lock.lock(); slots[k] = (d, t); lock.unlock() }
    func get(_ k: Int) -> (Data, String) { lock.lock(); defer { lock.unlock() }; return slots[k] }
}
