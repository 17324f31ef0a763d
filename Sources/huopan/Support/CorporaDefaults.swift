import Foundation

/// Where the CLI looks for its defaults: the repository's `Corpora/` (lexicon, synonyms,
/// profiles, judged sets, sample catalog), found from the working directory or the
/// executable. Only the CLI's defaults come from here; the engine and the server read every
/// path from their configuration.
enum CorporaDefaults {
    /// `$HUOPAN_CORPORA`, else the first `Corpora/` (with a `lexicon/` inside) found walking
    /// up from the working directory or from the executable.
    static let root: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["HUOPAN_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let starts = [
            URL(fileURLWithPath: fm.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
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
    }()

    /// `Corpora/<relative>` when the checkout was found and it exists there.
    static func path(_ relative: String) -> String? {
        guard let root else { return nil }
        let url = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }
}
