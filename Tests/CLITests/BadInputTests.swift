import Foundation
import Testing

/// Bad input must end in one clear line on stderr and a sysexits code (64 usage, 65 data),
/// never a trap or a stack trace.
@Suite struct BadInputTests {
  @Test(arguments: ["0", "-1", "nan", "inf", "1e9", "abc"])
  func badWidth(value: String) throws {
    try expectOneLineError(["layers", "--width", value], status: 64, mentioning: "width")
  }

  @Test(arguments: ["0", "-224", "4096", "224.5"])
  func badResolution(value: String) throws {
    try expectOneLineError(["layers", "--resolution", value], status: 64, mentioning: "resolution")
  }

  @Test func zeroClasses() throws {
    try expectOneLineError(["layers", "--classes", "0"], status: 64, mentioning: "classes")
  }

  @Test func unknownFormat() throws {
    try expectOneLineError(["layers", "--format", "yaml"], status: 64, mentioning: "format")
    try expectOneLineError(["variants", "--format", "xml"], status: 64, mentioning: "format")
  }

  @Test func unknownFlagAndSubcommand() throws {
    try expectOneLineError(["layers", "--bogus"], status: 64, mentioning: "bogus")
    try expectOneLineError(["memory", "--width", "nan"], status: 64, mentioning: "width")
  }

  @Test func missingArchFile() throws {
    try expectOneLineError(
      ["layers", "--arch", "/nonexistent/mine.json"], status: 65, mentioning: "/nonexistent/mine.json")
  }

  @Test func archNotJSON() throws {
    let path = try BinaryRunner.temporaryFile("name: MobileNet\nstages: []\n")
    try expectOneLineError(["layers", "--arch", path], status: 65, mentioning: ":1: not valid JSON")
  }

  @Test func archWithWrongSchema() throws {
    let path = try BinaryRunner.temporaryFile("{\"name\": \"x\", \"input_channels\": 3, \"stages\": 5}")
    try expectOneLineError(["layers", "--arch", path], status: 65, mentioning: "stages: expected an array")
  }

  static let good = """
    {
      "name": "Mine",
      "input_channels": 3,
      "stages": [
        { "op": "conv2d", "c": 16, "s": 2 },
        { "op": "bottleneck", "t": 6, "c": 16, "n": 2, "s": 1 },
        { "op": "avgpool" },
        { "op": "classifier" }
      ]
    }
    """

  @Test(arguments: [
    ("\"c\": 16, \"s\": 2", "\"c\": -16, \"s\": 2", "Mine.json:5: stages[0].c"),
    ("\"c\": 16, \"s\": 2", "\"c\": 16, \"s\": 0", "Mine.json:5: stages[0].s"),
    ("\"n\": 2", "\"n\": 99999999", "Mine.json:6: stages[1].n"),
    ("\"t\": 6", "\"t\": 6, \"groups\": 2", "Mine.json:6: stages[1].groups: unknown field"),
  ])
  func archWithBadField(original: String, replacement: String, fragment: String) throws {
    let path = try BinaryRunner.temporaryFile(
      Self.good.replacingOccurrences(of: original, with: replacement), name: "Mine.json")
    try expectOneLineError(["layers", "--arch", path], status: 65, mentioning: fragment)
  }

  /// The reliability pass's trap (exit 132): a file inside every documented limit whose
  /// counts exceed what an Int holds. Now a data error naming the layer, in every command
  /// that builds the network.
  @Test(arguments: [
    ["layers", "--resolution", "2048"], ["variants", "--resolution", "2048"], ["lab", "--block", "1"],
    [
      "export", "--view", "network", "--format", "txt", "--output", "/dev/null", "--force", "--resolution",
      "2048",
    ],
    ["explore", "--resolution", "2048"], ["lesson", "--print", "--resolution", "2048"],
  ])
  func countsTooLargeToBeExactAreRefused(command: [String]) throws {
    let huge = """
      {"name": "Huge", "input_channels": 65536, "stages": [
        {"op": "conv2d", "kernel": 15, "c": 65536, "n": 1, "s": 1},
        {"op": "classifier"}]}
      """
    let path = try BinaryRunner.temporaryFile(huge)
    try expectOneLineError(
      command + ["--arch", path, "--width", "8"], status: 65,
      mentioning: "stem.conv: MAdds exceed 2^53")
  }

  /// The reliability pass's runs of minutes to a day, and past 6 GB: refused before any
  /// work, with the estimate and the limit.
  @Test(arguments: [
    ["lab", "--block", "17", "--k", "160", "--points", "100000", "--trials", "10000"],
    ["lab", "--sweep", "--points", "100000", "--k", "1,2,4,8,16"],
    ["lab", "--sweep", "--points", "100000", "--k", (1...16).map(String.init).joined(separator: ",")],
    ["manifold", "--dims", "4096", "--trials", "10000"],
    ["manifold", "--points", "10000000", "--dims", "2,3,4,5,6,7,8,9,10,11,12,13"],
  ])
  func unboundedWorkIsRefusedUpFront(arguments: [String]) throws {
    let started = Date()
    try expectOneLineError(arguments, status: 64, mentioning: "this run needs about")
    #expect(Date().timeIntervalSince(started) < 30)
  }

  /// Just over the limit reads as over it: 5 trials of 8,421,041 points at the default dims
  /// are 5 · (8,421,041 · 95 + 1,163) = 4,000,000,290 steps, which read "4e9 (limit 4e9)"
  /// when rounded to nearest.
  @Test func anEstimateJustOverTheLimitReadsAsOver() throws {
    let perTrial: Int = 8_421_041 * 95 + 1_163  // Σ n² over 2, 3, 5, 15, 30 is 1,163
    let steps: Int = 5 * perTrial
    #expect(steps == 4_000_000_290)
    try expectOneLineError(
      ["manifold", "--points", "8421041", "--trials", "5", "--format", "csv"], status: 64,
      mentioning: "needs about 4.1e9 scalar steps (limit 4e9)")
  }

  @Test func goodArchFileWorks() throws {
    let path = try BinaryRunner.temporaryFile(Self.good)
    let result = try BinaryRunner.run(["layers", "--arch", path, "--resolution", "64", "--format", "csv"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("b2.project"))
  }

  @Test func controlCharactersInNamesAreNotEchoed() throws {
    let hostile = Self.good.replacingOccurrences(of: "\"Mine\"", with: "\"Evil\\u001b[2J\\u0007\"")
    let path = try BinaryRunner.temporaryFile(hostile)
    let result = try BinaryRunner.run(["layers", "--arch", path])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(!result.stdout.contains("\u{07}"))
    #expect(result.stdout.contains("Evil\\x1b[2J"))
  }
}

@Suite struct ExplorerBadInputTests {
  @Test(arguments: [
    (["--view", "graph"], "view"),
    (["--block", "99"], "--block"),
    (["--block", "-1"], "--block"),
    (["--width", "0"], "--width"),
    (["--resolution", "5000"], "--resolution"),
    (["--bottleneck", "relu"], "bottleneck"),
  ])
  func rejectedBeforeTheScreenIsTouched(arguments: [String], fragment: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}

/// No option is accepted and then ignored: each one either changes the output or is
/// refused with one line and exit 64.
@Suite struct NoIgnoredOptionTests {
  @Test(arguments: [
    (["lab", "--block", "1", "--resolution", "96"], "Unknown option '--resolution'"),
    (["lab", "--sweep", "--block", "3"], "--block and --sweep"),
    (
      ["export", "--view", "network", "--step", "3", "--format", "txt", "--output", "/tmp/x"],
      "--step goes with"
    ),
    (
      ["export", "--view", "lesson", "--block", "3", "--format", "txt", "--output", "/tmp/x"],
      "--block does not apply"
    ),
    (["layers", "--width", "-1"], "--width must be a number from 0.05 to 8, got -1"),
    (["lab", "--block", "1", "--width", "-1"], "--width must be a number from 0.05 to 8, got -1"),
    (["lesson", "--columns", "80"], "--format, --columns and --for go with --print"),
    (["help", "nosuch"], "no command 'nosuch'"),
    (["lab", "--sweep", "--k", "2,4,2"], "--k lists 2 twice"),
    (["lesson", "--format", "markdown"], "--format, --columns and --for go with --print"),
  ])
  func refused(arguments: [String], message: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  /// `variants --width 0.6 --resolution 200` adds that row and column, marked, with the
  /// same total `layers` gives for that network.
  @Test func variantsHonoursWidthAndResolution() throws {
    let table = try BinaryRunner.run(["variants", "--width", "0.6", "--resolution", "200"])
    #expect(table.status == 0)
    #expect(table.stdout.contains("width 0.6*") && table.stdout.contains("200*"))
    #expect(table.stdout.contains("* not one of the paper's values"))
    let csv = try BinaryRunner.run(["variants", "--width", "0.6", "--resolution", "200", "--format", "csv"])
    let layers = try BinaryRunner.run(["layers", "--width", "0.6", "--resolution", "200", "--format", "json"])
    let totals = try #require(layers.stdout.firstMatch(of: /"totals"\s*:\s*\{[^}]*?"macs"\s*:\s*(\d+)/))
    let total = totals.1
    #expect(csv.stdout.contains("0.6,200,\(total),"), "\(total) missing from the grid")
    let plain = try BinaryRunner.run(["variants"])
    #expect(!plain.stdout.contains("*"))
  }
}

/// Ctrl-\ in a command that is not the explorer: exit 128 + 3 at once, no backtrace.
@Suite struct QuitSignalTests {
  /// With job control on (`set -m`), as in an interactive shell, a background command keeps
  /// SIGQUIT's default; without it, POSIX shells start `cmd &` with SIGQUIT ignored, which
  /// the next test obeys.
  @Test func sigquitEndsACommandWithoutABacktrace() throws {
    let started = Date()
    let result = try BinaryRunner.run(
      [
        "-c",
        "set -m; ulimit -c 0; '\(BinaryRunner.binary.path)' manifold --trials 40 --points 1000000 --format csv "
          + ">/dev/null & sleep 0.5; kill -QUIT $!; wait $!; echo STATUS=$?",
      ],
      executable: URL(fileURLWithPath: "/bin/bash"))
    #expect(result.stdout.contains("STATUS=131"), "\(result.stdout) \(result.stderr)")
    #expect(!result.stderr.contains("Program crashed") && !result.stderr.contains("Backtrace"))
    #expect(Date().timeIntervalSince(started) < 10)
  }

  /// A SIGQUIT the parent set to be ignored stays ignored, as docs/reference.md says of
  /// every inherited SIG_IGN: before, every command reset it and died with 131. (SIGKILL
  /// ends it after: the test runner's threads may hold SIGTERM blocked for their children.)
  @Test func anIgnoredSigquitStaysIgnored() throws {
    let result = try BinaryRunner.run(
      [
        "-c",
        "set -m; trap '' QUIT; '\(BinaryRunner.binary.path)' manifold --trials 40 --points 1000000 --format csv "
          + ">/dev/null & sleep 0.5; kill -QUIT $!; sleep 0.5; kill -0 $! && echo ALIVE; kill -KILL $!; wait $!; "
          + "echo STATUS=$?",
      ],
      executable: URL(fileURLWithPath: "/bin/bash"))
    #expect(
      result.stdout.contains("ALIVE") && result.stdout.contains("STATUS=137"),
      "\(result.stdout) \(result.stderr)")
  }
}

/// Ten exports race to one new path without --force: exactly one wins, and every other one
/// reports that the file exists (exit 73), none a success it did not have.
@Suite struct ExportRaceTests {
  @Test func exactlyOneOfTenRacingExportsWins() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Started together from here (a shell's `wait` can hang on the test thread's signal mask).
    let processes = (0..<10).map { _ -> Process in
      let process = Process()
      process.executableURL = BinaryRunner.binary
      process.arguments = [
        "export", "--view", "network", "--format", "txt", "--output", folder + "/race.txt",
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      return process
    }
    for process in processes { try process.run() }
    for process in processes { process.waitUntilExit() }
    let statuses = processes.map(\.terminationStatus)
    #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
    #expect(statuses.filter { $0 == 73 }.count == 9, "\(statuses)")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
  }

}
