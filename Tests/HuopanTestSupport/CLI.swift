import Foundation

/// Runs the built `huopan` executable, as a user would from a shell.
public enum CLI {
    /// The executable beside the test bundle (SwiftPM builds both into one products directory).
    public static let executable: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // On Linux the test runner is `<products>/HuopanPackageTests.xctest`; elsewhere it may sit deeper.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("huopan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Fixtures.repository.appendingPathComponent(".build/debug/huopan")
    }()

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Starts `huopan arguments…` and returns at once (a server); its output is discarded
    /// unless `output` names a file for it.
    public static func start(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        executable: URL = CLI.executable, output: URL? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        if let output { FileManager.default.createFile(atPath: output.path, contents: nil) }
        process.standardOutput = FileHandle(forWritingAtPath: output?.path ?? "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    /// Runs `huopan arguments…` in `directory` and waits; standard input is empty.
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        executable: URL = CLI.executable
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        // Drain both pipes while the process runs so a large output cannot block it.
        let errData = Mutexed<Data>(Data())
        let errThread = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errThread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1_000) }
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData.value, as: UTF8.self))
    }
}

/// A value set once by another thread.
final class Mutexed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    private var done = false
    init(_ initial: Value) { stored = initial }
    func set(_ v: Value) { lock.lock(); stored = v; done = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
}
