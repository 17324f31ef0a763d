/// A taxonomy file that cannot be used, with the file and line to fix.
public struct TaxonomyError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ file: String, _ line: Int, _ message: String) { description = "\(file):\(line): \(message)" }
    init(_ message: String) { description = message }
}
