/// Reads the little-endian buffers the shim returns.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func u32() -> UInt32 {
        var v: UInt32 = 0
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + 4])) }
        }
        offset += 4
        return UInt32(littleEndian: v)
    }

    mutating func u64() -> UInt64 {
        var v: UInt64 = 0
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + 8])) }
        }
        offset += 8
        return UInt64(littleEndian: v)
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
