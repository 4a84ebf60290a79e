import Foundation
import Testing

/// 50 processes at once (two cores) give the bytes a lone run gives: no shared state, no
/// scheduling in the numbers. Output goes to files so no pipe can fill and stall a process.
@Suite struct ParallelRunTests {
  static let commands: [[String]] = [
    ["layers", "--format", "json"], ["manifold", "--format", "csv"],
  ]

  @Test func fiftyConcurrentRunsMatchASerialOne() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let serial = try Self.commands.map { try BinaryRunner.run($0).stdout }
    // Correct as well as identical: torchvision's count, and the paper's five panels.
    #expect(serial[0].contains("300774272"))
    #expect(serial[1].split(separator: "\n").count == 6)
    var processes: [(Process, String, Int)] = []
    for index in 0..<50 {
      let path = (folder as NSString).appendingPathComponent("\(index).out")
      #expect(FileManager.default.createFile(atPath: path, contents: nil), "cannot create \(path)")
      let process = Process()
      process.executableURL = BinaryRunner.binary
      process.arguments = Self.commands[index % 2]
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      process.standardError = FileHandle.nullDevice
      processes.append((process, path, index % 2))
    }
    for (process, _, _) in processes { try process.run() }
    for (process, path, command) in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      let output = try String(contentsOfFile: path, encoding: .utf8)
      #expect(output == serial[command], "run \(path) differs from the serial \(Self.commands[command])")
    }
  }
}
