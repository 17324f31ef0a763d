import Foundation

/// Curated synonym groups (the engine's `synonyms_file`): any member of a group
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
    /// `# version: X` names the version (required). Words are normalised like queries.
    /// A line that is not a group of two words or more is an error naming the line, so an
    /// edit gone wrong is refused rather than loaded as fewer groups.
    public static func load(_ url: URL, analyzer: Analyzer) throws -> SynonymSet {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TextError(message: "cannot read the synonyms file \(url.path): \(error.localizedDescription)")
        }
        var set = SynonymSet(version: "")
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("version:") { set.version = body.dropFirst("version:".count).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let words = try trimmed.split(whereSeparator: { $0 == "," || $0 == "，" })
                .map { try analyzer.normalize($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
            guard words.count > 1 else {
                throw TextError(message: "\(url.lastPathComponent):\(n + 1): a group needs two words or more, separated by commas")
            }
            set.add(words)
        }
        guard !set.version.isEmpty else { throw TextError(message: "\(url.lastPathComponent): no \"# version: …\" line") }
        return set
    }
}
