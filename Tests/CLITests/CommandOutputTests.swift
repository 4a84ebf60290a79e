import Foundation
import Testing

@Suite struct CommandOutputTests {
  @Test func layersJSONTotals() throws {
    let result = try BinaryRunner.run(["layers", "--format", "json"])
    #expect(result.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let totals = try #require(document["totals"] as? [String: Any])
    #expect(totals["params"] as? Int == 3_504_872)
  }

  @Test func tfSlimConventionDefaultsTo1001Classes() throws {
    let result = try BinaryRunner.run(["layers", "--convention", "tf-slim", "--format", "json"])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["classes"] as? Int == 1001)
    #expect((document["totals"] as? [String: Any])?["params"] as? Int == 3_472_041)  // TF-slim: "3.47"M
  }

  @Test func variantsJSONIsTheGrid() throws {
    let result = try BinaryRunner.run(["variants", "--format", "json"])
    let cells = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(cells.count == 30)
    #expect(
      cells.allSatisfy {
        $0["width"] != nil && $0["resolution"] != nil && $0["macs"] != nil && $0["params"] != nil
      })
  }

  @Test func explorerWithoutATerminalSuggestsThePlainCommands() throws {
    let result = try BinaryRunner.run([])  // stdin is /dev/null, stdout a pipe
    #expect(result.status == 69)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("mnv2 layers") && result.stderr.contains("mnv2 manifold"))
    #expect(result.stdout.isEmpty)
  }

  @Test func asciiLocaleGivesSevenBitOutput() throws {
    for command in [["layers"], ["layers", "--depth", "blocks"], ["variants"], ["memory"]] {
      let result = try BinaryRunner.run(command, environment: ["LANG": "C"])
      #expect(result.stdout.utf8.allSatisfy { $0 < 128 }, "\(command)")
    }
  }

  @Test func helpTeachesTheConventions() throws {
    let result = try BinaryRunner.run(["layers", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("--convention"))
    #expect(result.stdout.contains("FLOPs are 2 × MAdds"))
  }

  @Test(arguments: ["explore", "lesson", "export", "layers", "variants", "memory", "manifold", "lab"])
  func everySubcommandHasCleanHelp(command: String) throws {
    let result = try BinaryRunner.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("OVERVIEW:") && result.stdout.contains("USAGE: mnv2 \(command)"))
    #expect(!result.stdout.contains("\\"), "a stray line-continuation backslash in \(command) --help")
  }
}

@Suite struct BinaryRunnerTests {
  /// 256 KiB on stderr before anything on stdout, four times what a pipe holds: reading
  /// stdout to its end first would hang here forever.
  @Test func aFullStderrPipeDoesNotDeadlock() throws {
    let script = "head -c 262144 /dev/zero | tr '\\0' e >&2; printf done"
    let result = try BinaryRunner.run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"))
    #expect(result.status == 0)
    #expect(result.stderr.utf8.count == 262_144)
    #expect(result.stdout == "done")
  }
}
