import Foundation
import Testing

/// Every command checks the largest network it can reach before it draws anything: a file
/// that fits at its launch size but not at a width a key (W, R) or a lesson step reaches is
/// the builder's one-line error, exit 65. Before, `export --keys W` and `lesson --print`
/// skipped the explorer's launch check and trapped (exit 132) inside the screen's network.
@Suite struct CountReachTests {
  /// A stem of c channels, 15×15 over 65,536 inputs at 224: 224² · 65,536 · 225 · c MAdds,
  /// 7.3987e11 · c, so c = 10,000 fits at width 1.0 (7.40e15 < 2^53 = 9.01e15) and not at
  /// 1.4 (14,000 channels, 1.04e16).
  static func architecture(channels: Int) -> String {
    """
    {"schema": "mnv2-architecture/1", "name": "near the limit", "reference": "", "input_channels": 65536,
     "stages": [{"op": "conv2d", "kernel": 15, "c": \(channels), "n": 1, "s": 1}, {"op": "avgpool"}, {"op": "classifier"}]}
    """
  }

  static let reported = [
    ["export", "--view", "network", "--keys", "W", "--format", "txt", "--output", "-"],
    ["lesson", "--print"],
  ]

  @Test func theReportedTrapsAreOneLineErrors() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let arch = folder + "/over_at_1.4.json"
    try Self.architecture(channels: 10_000).write(toFile: arch, atomically: true, encoding: .utf8)
    let layers = try BinaryRunner.run(["layers", "--arch", arch])
    #expect(layers.status == 0, "layers accepts it at width 1.0: \(layers.stderr)")
    let lessons = folder + "/wide"
    try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
    try "title: Wide\nvisual: architecture\nwidth: 8\n---\nThe widest network.\n".write(
      toFile: lessons + "/01.lesson", atomically: true, encoding: .utf8)
    for arguments in [
      Self.reported[0] + ["--arch", arch], Self.reported[1] + ["--arch", arch, "--lessons", lessons],
    ] {
      let result = try BinaryRunner.run(arguments)
      #expect(result.status == 65, "\(arguments): \(result.status) \(result.stderr)")
      #expect(
        result.stderr.hasPrefix("mnv2: error: \(arch): stem.conv: MAdds exceed 2^53"), "\(result.stderr)")
      #expect(result.stderr.filter { $0 == "\n" }.count == 1 && result.stdout.isEmpty)
    }
  }

  /// Generated files near the limit, at every width the limit can fall between, through
  /// every command that takes --arch: each either works (0) or refuses with one line (65),
  /// and none dies of a signal.
  @Test func filesNearTheLimitNeverTrapAnyCommand() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let lessons = folder + "/wide"
    try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
    try "title: Wide\nvisual: architecture\nwidth: 1.4\nresolution: 224\n---\nWider.\n".write(
      toFile: lessons + "/01.lesson", atomically: true, encoding: .utf8)
    let commands: [[String]] = [
      ["layers"], ["layers", "--width", "1.4"], ["variants"],
      ["export", "--view", "network", "--keys", "WWR", "--format", "txt", "--output", "-"],
      ["export", "--view", "block", "--keys", "wR", "--format", "txt", "--output", "-"],
      ["export", "--view", "lesson", "--lessons", lessons, "--format", "txt", "--output", "-"],
      [
        "export", "--view", "network", "--keys", "L", "--lessons", lessons, "--format", "txt", "--output",
        "-",
      ],
      ["lesson", "--print", "--lessons", lessons], ["lab", "--width", "1.4", "--block", "0"],
    ]
    // From c = 8,000 (fits even at 1.4 in no framework but a few) to 12,600 (over at 1.0),
    // in steps that land on each side of every standard width's threshold.
    var statuses: [Int32: Int] = [:]
    for channels in stride(from: 8_000, through: 12_600, by: 575) {
      let arch = folder + "/c\(channels).json"
      try Self.architecture(channels: channels).write(toFile: arch, atomically: true, encoding: .utf8)
      for command in commands {
        let result = try BinaryRunner.run(command + ["--arch", arch])
        #expect(
          [0, 64, 65].contains(result.status), "c = \(channels) \(command): \(result.status) \(result.stderr)"
        )
        #expect(!result.stderr.contains("Fatal error") && result.stderr.filter { $0 == "\n" }.count <= 1)
        statuses[result.status, default: 0] += 1
      }
    }
    // Both outcomes happen: the grid straddles the limit.
    #expect((statuses[0] ?? 0) > 0 && (statuses[65] ?? 0) > 0, "\(statuses)")
  }
}
