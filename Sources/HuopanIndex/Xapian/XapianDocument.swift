import CXapian

/// A document to write, kept as the packed arrays the shim takes, so adding a
/// document is one call however many terms it has.
public struct XapianDocument: Sendable {
    var termBytes: [UInt8] = []
    var termEnds: [UInt32] = []
    var wdfs: [UInt32] = []
    var positions: [UInt32] = []
    var numSlots: [UInt32] = []
    var numValues: [Double] = []
    var rawSlots: [UInt32] = []
    var rawBytes: [UInt8] = []
    var rawEnds: [UInt32] = []
    public var data: [UInt8] = []

    public init() {
        termBytes.reserveCapacity(2048)
        termEnds.reserveCapacity(160)
        wdfs.reserveCapacity(160)
        positions.reserveCapacity(160)
    }

    public var termCount: Int { termEnds.count }

    /// Adds `prefix + bytes` with a wdf increment (and a position when non-zero).
    public mutating func addTerm<C: Collection>(prefix: String = "", _ bytes: C, wdf: UInt32 = 1, position: UInt32 = 0)
    where C.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count + prefix.utf8.count <= 240 else { return }  // Xapian's term limit is 245 bytes
        termBytes.append(contentsOf: prefix.utf8)
        termBytes.append(contentsOf: bytes)
        termEnds.append(UInt32(termBytes.count))
        wdfs.append(wdf)
        positions.append(position)
    }

    public mutating func addTerm(_ term: String, wdf: UInt32 = 1, position: UInt32 = 0) {
        addTerm(term.utf8, wdf: wdf, position: position)
    }

    /// A term for filtering only: no wdf, no position, no effect on length.
    public mutating func addBooleanTerm(_ term: String) {
        addTerm(term.utf8, wdf: 0, position: 0)
    }

    public mutating func setValue(_ slot: UInt32, _ number: Double) {
        numSlots.append(slot)
        numValues.append(number)
    }

    public mutating func setValue<C: Collection>(_ slot: UInt32, bytes: C) where C.Element == UInt8 {
        rawSlots.append(slot)
        rawBytes.append(contentsOf: bytes)
        rawEnds.append(UInt32(rawBytes.count))
    }

    public mutating func setValue(_ slot: UInt32, _ string: String) { setValue(slot, bytes: Array(string.utf8)) }

    /// Calls `body` with a docspec pointing into this document's storage.
    func withSpec<R>(_ body: (UnsafePointer<cx_docspec>) throws -> R) rethrows -> R {
        try termBytes.withUnsafeBufferPointer { tb in
            try termEnds.withUnsafeBufferPointer { te in
                try wdfs.withUnsafeBufferPointer { wd in
                    try positions.withUnsafeBufferPointer { ps in
                        try numSlots.withUnsafeBufferPointer { ns in
                            try numValues.withUnsafeBufferPointer { nv in
                                try rawSlots.withUnsafeBufferPointer { rs in
                                    try rawBytes.withUnsafeBufferPointer { rb in
                                        try rawEnds.withUnsafeBufferPointer { re in
                                            try data.withUnsafeBufferPointer { d in
                                                var spec = cx_docspec(
                                                    terms: UnsafeRawPointer(tb.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                                    term_ends: te.baseAddress, wdfs: wd.baseAddress, positions: ps.baseAddress,
                                                    term_count: UInt32(te.count),
                                                    num_slots: ns.baseAddress, num_values: nv.baseAddress, num_count: UInt32(ns.count),
                                                    raw_slots: rs.baseAddress,
                                                    raw_bytes: UnsafeRawPointer(rb.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                                    raw_ends: re.baseAddress, raw_count: UInt32(rs.count),
                                                    data: UnsafeRawPointer(d.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                                    data_len: UInt32(d.count))
                                                return try body(&spec)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
