import Foundation

/// Runs the real `mnv2` executable, as a user would, and captures what it prints.
struct BinaryRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The binary built beside the test bundle (`swift test` builds it because this target
  /// depends on it); `MNV2_BINARY` overrides, e.g. to test a release build.
  static let binary: URL = {
    if let path = ProcessInfo.processInfo.environment["MNV2_BINARY"] { return URL(fileURLWithPath: path) }
    let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return runner.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("mnv2")
  }()

  /// One board cache for every run of the suite that does not name its own, so Figure 6's
  /// 100 networks are trained once (by `trainedBoard`) however many handouts and exports
  /// the tests print.
  static let sharedCache: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mnv2-tests-cache-\(UUID().uuidString)"
    ).path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }()

  /// The default board, trained once into `sharedCache` before the first command that may
  /// print it; tests that start at the same time wait for it rather than train it too.
  static let trainedBoard: Bool = {
    let warm = try? run(
      ["lesson", "--print", "--step", "9"], environment: ["XDG_CACHE_HOME": sharedCache], warming: true)
    return warm?.status == 0
  }()

  static func run(
    _ arguments: [String], environment: [String: String] = [:], executable: URL = binary,
    warming: Bool = false
  ) throws -> Result {
    if !warming && executable == binary && environment["XDG_CACHE_HOME"] == nil
      && ["lesson", "export"].contains(arguments.first ?? "")
    {
      _ = trainedBoard
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    env["XDG_CACHE_HOME"] = sharedCache
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Both pipes are drained at once, stderr on a thread of its own: reading one to its end
    // first would deadlock once the child filled the other.
    let errorOutput = PipeDrain(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errorOutput.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh empty folder.
  static func temporaryFolder() throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mnv2-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.path
  }

  /// Writes `text` to a fresh temporary file and returns its path.
  static func temporaryFile(_ text: String, name: String = "arch.json") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mnv2-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeDrain: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
