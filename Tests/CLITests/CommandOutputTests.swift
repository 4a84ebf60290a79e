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

  @Test(arguments: [
    "explore", "lesson", "export", "layers", "variants", "memory", "manifold", "lab", "ablation",
  ])
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

/// `--arch` works in every subcommand that shows a network, and the block ranges follow it.
@Suite struct ArchitectureOptionTests {
  @Test func bundledV1OpensInExportAndLayers() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let export = try BinaryRunner.run([
      "export", "--arch", "mobilenet-v1", "--view", "network", "--format", "txt", "--output",
      folder + "/v1.txt",
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let screen = try String(contentsOfFile: folder + "/v1.txt", encoding: .utf8)
    #expect(screen.contains("MobileNetV1 1.0"))
    #expect(screen.contains("568,740,352 MAdds"))  // Howard et al. 2017, Table 1: 569M mult-adds
    let layers = try BinaryRunner.run(["layers", "--arch", "mobilenet-v1"])
    #expect(layers.status == 0 && layers.stdout.contains("MobileNetV1"))
  }

  @Test func blockRangesComeFromTheArchitecture() throws {
    let v1Lab = try BinaryRunner.run(["lab", "--arch", "mobilenet-v1", "--block", "1"])
    #expect(v1Lab.status == 64)
    #expect(v1Lab.stderr.contains("MobileNetV1 has no bottleneck blocks"), "\(v1Lab.stderr)")
    let rows = try BinaryRunner.run([
      "export", "--arch", "mobilenet-v1", "--view", "block", "--block", "40", "--format", "txt", "--output",
      "unused.txt",
    ])
    #expect(rows.status == 64)
    #expect(rows.stderr.contains("--block must be from 0 to"), "\(rows.stderr)")
    let sweep = try BinaryRunner.run(["lab", "--sweep", "--arch", "mobilenet-v1"])
    #expect(sweep.status == 64, "\(sweep.stderr)")  // once a trap on an empty block list
    #expect(sweep.stderr.contains("no bottleneck blocks"))
  }

  /// A bad file is a data error (65) with one clean line in every subcommand, including
  /// those that check --block against the network it describes.
  @Test(arguments: [
    ["lesson", "--print"], ["explore"],
    ["export", "--view", "network", "--format", "txt", "--output", "x.txt"],
    ["lab", "--block", "1"], ["layers"], ["variants"],
  ])
  func badArchitectureFileIsADataError(command: [String]) throws {
    let file = try BinaryRunner.temporaryFile("{\n  \"name\": \"x\",\n}")
    let result = try BinaryRunner.run(command + ["--arch", file])
    #expect(result.status == 65, "\(command): \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("line") || result.stderr.contains(":3:"), "\(result.stderr)")
    #expect(!result.stderr.contains("DataError("))
  }
}

@Suite struct ExportToStreamTests {
  /// A device or pipe as --output is written into, never renamed over: as root, a rename
  /// would replace /dev/stdout (or /dev/null) itself.
  @Test func exportToDevStdoutWritesThroughThePipe() throws {
    let result = try BinaryRunner.run([
      "export", "--view", "network", "--format", "txt", "--output", "/dev/stdout", "--force",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("300,774,272 MAdds"))
    var status = stat()
    #expect(lstat("/dev/stdout", &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
  }

  /// With stdout sent to a regular file, /dev/stdout leads to that file: it is written
  /// through, and the /dev/stdout link itself is left alone (a rename once replaced it).
  @Test func exportToDevStdoutRedirectedToAFileKeepsTheLink() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mnv2-stdout-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("screen.txt").path
    let command =
      "'\(BinaryRunner.binary.path)' export --view network --format txt --output /dev/stdout --force > '\(file)'"
    let result = try BinaryRunner.run(["-c", command], executable: URL(fileURLWithPath: "/bin/sh"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains("300,774,272 MAdds"))
    var status = stat()
    #expect(lstat("/dev/stdout", &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
  }

  /// A symlink is followed: its target gets the file, the link stays; without --force an
  /// existing target, or a link that leads nowhere, is kept.
  @Test func exportThroughASymlink() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mnv2-link-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("target.txt").path
    let link = folder.appendingPathComponent("link.txt").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let export = ["export", "--view", "network", "--format", "txt", "--output", link]
    let dangling = try BinaryRunner.run(export)
    #expect(dangling.status == 73 && dangling.stderr.contains("exists"))
    try "old".write(toFile: target, atomically: true, encoding: .utf8)
    #expect(try BinaryRunner.run(export).status == 73)
    let forced = try BinaryRunner.run(export + ["--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    var status = stat()
    #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
    #expect(try String(contentsOfFile: target, encoding: .utf8).contains("300,774,272 MAdds"))
  }
}

@Suite struct FrameworkOptionTests {
  /// `--framework keras` builds Keras's network (figures from Keras itself, in
  /// KerasFixtureTests), and every header names whose network it is.
  @Test func kerasBuildsKerasNetwork() throws {
    let keras = try BinaryRunner.run([
      "layers", "--width", "1.12", "--resolution", "160", "--framework", "keras", "--format", "json",
    ])
    #expect(keras.status == 0)
    #expect(
      keras.stdout.contains("\"framework\" : \"keras\"") || keras.stdout.contains("\"framework\": \"keras\""))
    #expect(keras.stdout.contains("176507600") && keras.stdout.contains("4164376"))
    let mixed = try BinaryRunner.run([
      "layers", "--width", "1.12", "--resolution", "160", "--convention", "keras",
    ])
    #expect(mixed.stdout.contains("torchvision channels, keras params"))
    #expect(mixed.stdout.contains("217,862,800") && mixed.stdout.contains("4,205,880"))
    let slim = try BinaryRunner.run(["layers", "--framework", "tf-slim"])
    #expect(slim.stdout.contains("1001 classes") && slim.stdout.contains("· tf-slim"))
  }
}

/// The papers' slips are flagged where their numbers appear, and the labels say what is
/// counted (issue: exact everywhere).
@Suite struct SlipAndLabelOutputTests {
  @Test func slipsAreFlaggedWhereTheNumbersAppear() throws {
    let variants = try BinaryRunner.run(["variants"])
    #expect(
      variants.stdout.contains(
        "§4 prints \"from 7 multiply adds to 585M MAdds\"; this grid spans 11.9M to 582.2M"))
    let v1 = try BinaryRunner.run(["layers", "--arch", "mobilenet-v1"])
    #expect(v1.stdout.contains("prints MobileNetV1 at 575M MAdds"))
    #expect(v1.stdout.contains("1.19%") && v1.stdout.contains("it is 1.91%"))
    #expect(v1.stdout.contains("the V1 paper uses ReLU"))
    #expect(!v1.stdout.contains("bottleneck linear"))
  }

  @Test func labelsSayWhatIsCounted() throws {
    #expect(try BinaryRunner.run(["layers"]).stdout.contains("K = 1000 bytes"))
    let labHelp = try BinaryRunner.run(["lab", "--help"]).stdout
    #expect(labHelp.contains("N(m,n) = Σ_{j=0}^{m−n} C(m,j)") && labHelp.contains("lower"))
    let layersHelp = try BinaryRunner.run(["layers", "--help"]).stdout
    for figure in ["300,809,384", "314,193,216", "327,486,720"] { #expect(layersHelp.contains(figure)) }
  }
}
