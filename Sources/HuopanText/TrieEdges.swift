/// The edges of the lexicon's trie: (node, character) → child node, in an
/// open-addressing table with linear probing.
///
/// The analyzer looks an edge up at every character of every Chinese run, so this
/// replaces a `Dictionary`, whose seeded SipHash cost more than the rest of the
/// lexicon walk. Keys are never removed, and the table is at most half full.
struct TrieEdges: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// `UInt64.max` marks an empty slot; a real key is `node << 21 | scalar` (below 2⁵³).
    private static let empty = UInt64.max

    init() {
        keys = Array(repeating: Self.empty, count: 1024)
        values = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        // Fibonacci hashing: the high bits of key × 2⁶⁴/φ spread nearby keys apart.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func child(_ key: UInt64) -> Int32? {
        var i = Self.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty { insert(k, v) }
    }
}
