import Foundation

/// Finds the repository's `Corpora/` directory (lexicon, profiles, sample
/// catalog, judgments): `$HUOPAN_CORPORA` when set, otherwise the first
/// `Corpora/` found walking up from the working directory or from the
/// executable (`.build/release/huopan` sits inside the checkout).
public enum Corpora {
    public static func locate() -> URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["HUOPAN_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        #if DEBUG
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        #endif
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Corpora")
                if fm.fileExists(atPath: candidate.appendingPathComponent("lexicon").path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// `Corpora/<relative>`, or an error saying how to point at it.
    public static func path(_ relative: String) throws -> URL {
        guard let root = locate() else {
            throw TextError(message: "cannot find the Corpora/ directory; run from the checkout or set HUOPAN_CORPORA")
        }
        return root.appendingPathComponent(relative)
    }

    /// The domain lexicon in `Corpora/lexicon`.
    public static func lexicon() throws -> Lexicon {
        try Analyzer.loadLexicon(directory: try path("lexicon"))
    }
}
