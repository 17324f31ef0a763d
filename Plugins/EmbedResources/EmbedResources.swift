import Foundation
import PackagePlugin

/// Compiles a target's `Resources/` folder into the target as Swift source
/// (`EmbeddedResources.files`), so the executable serves its console and OpenAPI
/// document from wherever it is copied: a resource bundle beside the binary would be lost.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let root = target.directoryURL.appendingPathComponent("Resources")
        var files: [URL] = []
        if let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        files.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) resources of \(target.name)",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [root.path, output.path] + files.map(\.path),
                inputFiles: files, outputFiles: [output])
        ]
    }
}
