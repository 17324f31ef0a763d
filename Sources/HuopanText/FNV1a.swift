/// FNV-1a, 64-bit: a hash that is the same in every process and on every machine (Swift's
/// `Hasher` is seeded per process). It decides which shard owns an offer, fingerprints the
/// lexicon recorded in each index, and orders samples deterministically.
public struct FNV1a: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for b in bytes { combine(b) }
    }

    /// Mixes in a whole number in one step (as FNV-1a mixes a byte).
    public mutating func combine(word: UInt64) {
        value = (value ^ word) &* 0x100_0000_01b3
    }

    /// The hash of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var h = FNV1a()
        h.combine(text.utf8)
        return h.value
    }
}
