/// Reads the little-endian buffers the shim returns.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func u32() -> UInt32 { integer() }

    mutating func u64() -> UInt64 { integer() }

    /// The next little-endian integer of `T`'s width.
    private mutating func integer<T: FixedWidthInteger>() -> T {
        var v = T.zero
        let width = MemoryLayout<T>.size
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + width])) }
        }
        offset += width
        return T(littleEndian: v)
    }

    mutating func f64() -> Double { Double(bitPattern: u64()) }

    /// A u32 length then that many bytes; nil for the 0xFFFFFFFF "missing" marker.
    mutating func bytesField() -> ArraySlice<UInt8>? {
        let n = u32()
        if n == 0xFFFF_FFFF { return nil }
        defer { offset += Int(n) }
        return bytes[offset..<offset + Int(n)]
    }

    mutating func string() -> String { String(decoding: bytesField() ?? [], as: UTF8.self) }
}
