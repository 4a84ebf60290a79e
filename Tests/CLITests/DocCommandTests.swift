import Foundation
import Testing

/// Every command of the README's tour works as written once the set-up line has put `mnv2`
/// on the PATH: each `mnv2 …` line of its ```sh blocks is run by /bin/sh in a fresh folder,
/// with the built binary first on the PATH. The lines that open the full-screen explorer
/// are left to the tmux tests.
@Suite struct DocCommandTests {
  static func tourCommands() throws -> [String] {
    let readme = DocCaptureTests.root.appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    var commands: [String] = []
    var inShell = false
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") {
        inShell = !inShell && line == "```sh"
        continue
      }
      let command = line.trimmingCharacters(in: .whitespaces)
      guard inShell, command.hasPrefix("mnv2 ") else { continue }
      let words = command.split(separator: "#")[0].split(separator: " ")
      // The explorer and the live lesson need a terminal.
      let interactive =
        words.count == 1 || words[1].hasPrefix("-") || words[1] == "explore"
        || (["lesson", "quiz"].contains(words[1]) && !words.contains("--print"))
      if !interactive { commands.append(command) }
    }
    return commands
  }

  @Test func everyTourCommandRunsAsWritten() throws {
    let commands = try Self.tourCommands()
    #expect(commands.count >= 6)
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = BinaryRunner.binary.deletingLastPathComponent().path
    for command in commands {
      let result = try BinaryRunner.run(
        ["-c", "cd '\(folder)' && PATH='\(path)':\"$PATH\" && " + command],
        executable: URL(fileURLWithPath: "/bin/sh"))
      #expect(result.status == 0, "\(command): \(result.stderr)")
    }
    // The handout and the picture the tour writes exist and are what they claim to be.
    #expect(try String(contentsOfFile: folder + "/handout.md", encoding: .utf8).hasPrefix("# MobileNetV2"))
    #expect(try String(contentsOfFile: folder + "/figure1.svg", encoding: .utf8).contains("<svg"))
  }
}
