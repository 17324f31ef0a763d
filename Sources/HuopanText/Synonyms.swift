import Foundation

/// The curated synonym groups of `Corpora/synonyms.txt`: any member of a group
/// also finds offers written with the others, ranked below offers that use the
/// buyer's own word. Versioned by its `# version:` line; the server reloads it
/// without a restart.
public struct SynonymSet: Sendable, Hashable {
    public var version: String
    /// Normalised word → the other words of its groups.
    public private(set) var alternatives: [String: [String]] = [:]
    public private(set) var groups: [[String]] = []

    public init(version: String = "none", groups: [[String]] = []) {
        self.version = version
        for g in groups { add(g) }
    }

    mutating func add(_ group: [String]) {
        let words = group.filter { !$0.isEmpty }
        guard words.count > 1 else { return }
        groups.append(words)
        for w in words {
            var others = alternatives[w] ?? []
            for o in words where o != w && !others.contains(o) { others.append(o) }
            alternatives[w] = others
        }
    }

    public func alternatives(for word: String) -> [String] { alternatives[word] ?? [] }

    /// Reads the file: one group per line, words separated by commas, `#` comments,
    /// `# version: X` names the version. Words are normalised like queries.
    public static func load(_ url: URL, analyzer: Analyzer) throws -> SynonymSet {
        let text = try String(contentsOf: url, encoding: .utf8)
        var set = SynonymSet(version: "unversioned")
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") {
                let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("version:") { set.version = body.dropFirst("version:".count).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let words = try trimmed.split(whereSeparator: { $0 == "," || $0 == "，" })
                .map { try analyzer.normalize($0.trimmingCharacters(in: .whitespaces)) }
            set.add(words)
        }
        return set
    }
}
