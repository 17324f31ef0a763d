import CXapian
import Foundation
import Synchronization

/// A read-only Xapian database: one directory, a stub file, several databases
/// searched as one (shards), or a remote `xapian-tcpsrv`.
///
/// Xapian::Database is not thread-safe. Every call holds `lock`, so a handle
/// serves one caller at a time; parallel searches use several handles. This is
/// why the class is `@unchecked Sendable`: the mutex is the synchronisation.
public final class XapianDatabase: @unchecked Sendable {
    private let lock = Mutex<Void>(())
    private var handle: OpaquePointer?
    public let description: String
    /// Whether the databases number their documents best static quality first
    /// (`IndexManifest.docidOrder`), so the first share of the docids is the best part.
    public let docidsFollowQuality: Bool

    /// Opens the databases at `paths` as one.
    public init(paths: [String], docidsFollowQuality: Bool = false) throws {
        precondition(!paths.isEmpty, "at least one database path")
        var h: OpaquePointer?
        try xapianCall { err in
            var cStrings = paths.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            return cStrings.withUnsafeMutableBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buf.count) {
                    cx_db_open($0, UInt32(buf.count), &h, err)
                }
            }
        }
        handle = h
        description = paths.joined(separator: ",")
        self.docidsFollowQuality = docidsFollowQuality
    }

    public convenience init(path: String) throws { try self.init(paths: [path]) }

    /// Connects to a database served by `xapian-tcpsrv`.
    public init(remoteHost host: String, port: Int, timeoutMilliseconds: Int = 10_000, connectTimeoutMilliseconds: Int = 2_000) throws {
        var h: OpaquePointer?
        try xapianCall { err in
            cx_db_open_remote(host, UInt32(port), UInt32(timeoutMilliseconds), UInt32(connectTimeoutMilliseconds), &h, err)
        }
        handle = h
        description = "remote \(host):\(port)"
        docidsFollowQuality = false
    }

    deinit { if let handle { cx_db_close(handle) } }

    /// Frees the handle now; later calls throw.
    public func close() {
        lock.withLock { _ in
            if let handle { cx_db_close(handle) }
            handle = nil
        }
    }

    private func withHandle<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        try lock.withLock { _ in
            guard let handle else { throw XapianError(kind: .database, message: "database \(description) is closed") }
            return try body(handle)
        }
    }

    /// Adds `other`'s sub-databases to this one (multi-database search).
    public func add(_ other: XapianDatabase) throws {
        try withHandle { h in try other.withHandle { o in try xapianCall { cx_db_add(h, o, $0) } } }
    }

    /// Moves to the latest committed revision; true when it changed.
    @discardableResult
    public func reopen() throws -> Bool {
        try withHandle { h in
            var changed: Int32 = 0
            try xapianCall { cx_db_reopen(h, &changed, $0) }
            return changed != 0
        }
    }

    public struct Stats: Sendable {
        public var documentCount: Int
        public var averageLength: Double
        public var lastDocid: UInt32
    }

    public func stats() throws -> Stats {
        try withHandle { h in
            var count: UInt32 = 0, last: UInt32 = 0
            var avlen = 0.0
            try xapianCall { cx_db_stats(h, &count, &avlen, &last, $0) }
            return Stats(documentCount: Int(count), averageLength: avlen, lastDocid: last)
        }
    }

    /// The document indexed by a unique term (an id term), if any.
    public func docid(forTerm term: String) throws -> UInt32? {
        try withHandle { h in
            var docid: UInt32 = 0
            try xapianCall { cx_db_docid_for_term(h, term, &docid, $0) }
            return docid == 0 ? nil : docid
        }
    }

    /// Up to `limit` terms with `prefix` that sort after `after` (from the first when nil).
    public func terms(prefix: String, after: String?, limit: Int) throws -> [String] {
        try withHandle { h in
            var out: UnsafeMutablePointer<UInt8>?
            var len: UInt32 = 0
            try xapianCall { cx_db_terms_after(h, prefix, after ?? "", UInt32(clamping: limit), &out, &len, $0) }
            var reader = ByteReader(takeBuffer(out, len))
            var terms: [String] = []
            while !reader.atEnd { terms.append(reader.string()) }
            return terms
        }
    }

    /// Stored data of several documents in one call; nil for a missing document.
    public func data(of docids: [UInt32]) throws -> [[UInt8]?] {
        guard !docids.isEmpty else { return [] }
        return try withHandle { h in
            var out: UnsafeMutablePointer<UInt8>?
            var len: UInt32 = 0
            try xapianCall { cx_db_get_data(h, docids, UInt32(docids.count), &out, &len, $0) }
            var reader = ByteReader(takeBuffer(out, len))
            return docids.map { _ in reader.bytesField().map(Array.init) }
        }
    }

    /// Runs one search; the whole window comes back from the shim in one call.
    public func search(_ s: XapianSearch) throws -> XapianResults {
        let query = s.query.encoded()
        var request = cx_search_request()
        request.first = UInt32(clamping: s.offset)
        request.max_items = UInt32(clamping: s.limit)
        request.check_at_least = UInt32(clamping: s.checkAtLeast)
        switch s.weighting {
        case .boolean:
            request.weighting = UInt32(CX_WEIGHT_BOOL)
        case .bm25(let p):
            request.weighting = UInt32(CX_WEIGHT_BM25)
            request.k1 = p.k1; request.k2 = p.k2; request.k3 = p.k3; request.b = p.b; request.min_normlen = p.minNormLength
        }
        request.collapse_slot = s.collapse.map { Int32($0.slot) } ?? -1
        request.collapse_max = s.collapse?.max ?? 0
        request.sort_slot = s.sort.map { Int32($0.slot) } ?? -1
        request.sort_descending = s.sort?.descending == true ? 1 : 0
        request.facet_limit = UInt32(s.facetLimit)
        request.want_data = s.includeData ? 1 : 0
        request.deadline_ns = s.deadline.isNone ? 0 : s.deadline.nanoseconds
        if let share = s.docidShare {
            request.docid_share_from = max(0, share.lowerBound)
            request.docid_share_to = max(Double.leastNonzeroMagnitude, min(1, share.upperBound))
        }
        let buffer: [UInt8] = try withHandle { h in
            var out: UnsafeMutablePointer<UInt8>?
            var len: UInt32 = 0
            try query.withUnsafeBufferPointer { q in
                try s.numericSlots.withUnsafeBufferPointer { ns in
                    try s.rawSlots.withUnsafeBufferPointer { rs in
                        try s.facetSlots.withUnsafeBufferPointer { fs in
                            request.query = q.baseAddress
                            request.query_len = UInt32(q.count)
                            request.num_slots = ns.baseAddress
                            request.num_slot_count = UInt32(ns.count)
                            request.raw_slots = rs.baseAddress
                            request.raw_slot_count = UInt32(rs.count)
                            request.facet_slots = fs.baseAddress
                            request.facet_slot_count = UInt32(fs.count)
                            try xapianCall { cx_search(h, &request, &out, &len, $0) }
                        }
                    }
                }
            }
            return takeBuffer(out, len)
        }
        let results = Self.decodeResults(buffer, s)
        if results.timedOut { throw DeadlineExceeded() }
        return results
    }

    static func decodeResults(_ buffer: [UInt8], _ s: XapianSearch) -> XapianResults {
        var r = ByteReader(buffer)
        let lower = Int(r.u64()), estimated = Int(r.u64()), upper = Int(r.u64())
        let count = Int(r.u32())
        var hits: [XapianHit] = []
        hits.reserveCapacity(count)
        let wantsDocument = !s.numericSlots.isEmpty || !s.rawSlots.isEmpty || s.includeData
        for _ in 0..<count {
            let docid = r.u32()
            let weight = r.f64()
            let collapsed = Int(r.u32())
            var numbers: [Double] = []
            var raw: [[UInt8]] = []
            var data: [UInt8]?
            if wantsDocument {
                numbers = s.numericSlots.map { _ in r.f64() }
                raw = s.rawSlots.map { _ in Array(r.bytesField() ?? []) }
                if s.includeData { data = Array(r.bytesField() ?? []) }
            }
            hits.append(XapianHit(docid: docid, weight: weight, collapseCount: collapsed, numbers: numbers, raw: raw, data: data))
        }
        var facets: [[(String, Int)]] = []
        let facetCount = Int(r.u32())
        for _ in 0..<facetCount {
            let n = Int(r.u32())
            facets.append((0..<n).map { _ in (r.string(), Int(r.u32())) })
        }
        let timedOut = r.u32() != 0
        return XapianResults(
            matchesLowerBound: lower, matchesEstimated: estimated, matchesUpperBound: upper,
            hits: hits, facets: facets, timedOut: timedOut)
    }
}
