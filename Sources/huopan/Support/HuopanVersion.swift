import HuopanIndex

/// What `huopan --version` prints: the release and the index schema it reads and writes
/// (an index of another schema must be rebuilt).
enum HuopanVersion {
    static let release = "0.4.0"
    static var description: String { "huopan \(release) (index schema \(Schema.version))" }
}
