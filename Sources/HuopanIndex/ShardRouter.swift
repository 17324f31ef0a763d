import HuopanText

/// Which shard owns an offer: FNV-1a of the id, modulo the shard count. Stable across
/// processes and machines, so a writer anywhere routes an offer to the same shard.
public enum ShardRouter {
    public static func shard(for id: String, of count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(FNV1a.hash(id) % UInt64(count))
    }
}
