import Foundation
import Testing

/// `export --output` takes any path a person types: "-" for standard output, one-character
/// names, dots, slashes, and a format read from the extension. Before the fix, `--output -`
/// and every one-character name died of SIGILL inside Foundation's `deletingLastPathComponent`.
@Suite struct ExportPathTests {
  /// Runs the binary inside `folder`, so relative names land there.
  static func export(_ arguments: [String], in folder: String) throws -> BinaryRunner.Result {
    let quoted = ([BinaryRunner.binary.path, "export", "--view", "network"] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    return try BinaryRunner.run(
      ["-c", "cd '\(folder)' && exec " + quoted.joined(separator: " ")],
      executable: URL(fileURLWithPath: "/bin/sh"))
  }

  @Test func dashIsStandardOutput() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.export(["--format", "txt", "--output", "-"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("MobileNetV2 1.0") && result.stdout.contains("bottleneck"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [], "no file named -")
    // Standard output has no extension to read a format from.
    let bare = try Self.export(["--output", "-"], in: folder)
    #expect(bare.status == 64)
    #expect(bare.stderr.contains("standard output has no extension; add --format (txt, ansi, svg, html)"))
  }

  /// The names people give for standard output. Stdout here is a pipe, whose realpath
  /// ("pipe:[…]") cannot resolve: before, each of these failed with 73 "exists; use --force".
  @Test(arguments: ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
  func descriptorPathsAreWrittenInPlace(name: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let piped = try Self.export(["--format", "txt", "--output", name], in: folder)
    #expect(piped.status == 0, "\(name): \(piped.stderr)")
    #expect(piped.stdout.contains("MobileNetV2 1.0"))
    // Redirected to a file to append to: the line already there stays, the screen follows it.
    let log = folder + "/log.txt"
    try "first line\n".write(toFile: log, atomically: false, encoding: .utf8)
    let quoted = [
      BinaryRunner.binary.path, "export", "--view", "network", "--format", "txt", "--output", name,
    ]
    .map { "'\($0)'" }.joined(separator: " ")
    let appended = try BinaryRunner.run(
      ["-c", quoted + " >> '\(log)'"], executable: URL(fileURLWithPath: "/bin/sh"))
    #expect(appended.status == 0, "\(name): \(appended.stderr)")
    let text = try String(contentsOfFile: log, encoding: .utf8)
    #expect(text.hasPrefix("first line\n MobileNetV2 1.0"), "\(text.prefix(200))")
  }

  /// A descriptor that is not open is one line and 73, not a file created under /dev/fd.
  @Test func aClosedDescriptorIsOneLine() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.export(["--format", "txt", "--output", "/dev/fd/9"], in: folder)
    #expect(result.status == 73)
    #expect(result.stderr == "mnv2: error: cannot write /dev/fd/9: descriptor 9 is not open\n")
  }

  /// The format comes from the name when --format is missing.
  @Test(arguments: [
    ("fig.svg", "<?xml"), ("fig.html", "<!DOCTYPE html>"), ("FIG.HTM", "<!DOCTYPE html>"),
    ("screen.txt", " MobileNetV2"), ("screen.ansi", "\u{1B}["),
  ])
  func formatFromTheExtension(name: String, start: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.export(["--output", name], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let written = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    #expect(written.hasPrefix(start), "\(name): \(written.prefix(40))")
  }

  @Test(arguments: ["fig.png", "figure", "a.b/c"])
  func anUnknownExtensionListsTheFormats(name: String) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.export(["--output", name], in: folder)
    #expect(result.status == 64)
    #expect(
      result.stderr.contains("cannot tell the format from its name; add --format (txt, ansi, svg, html)"))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  /// 48 names drawn from the pieces people type (seeded, so a failure replays): each export
  /// either writes its file or says why in one line with exit 73 (or 64), and never dies of
  /// a signal. One-character names are all tried.
  @Test func generatedPathNamesNeverCrash() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    let pieces = ["a", "-", ".", "..", "/", "//", "sub", "sub/", "x.txt", " ", "é", "~", "*", "-x"]
    var names = ["a", "-", ".", "/", "~", " ", "é", "*", "..", "./a", "sub/b", "/tmp", "sub//c"]
    var seed: UInt64 = 2018
    func next() -> UInt64 {
      // SplitMix64, written out so the test needs none of the program's code.
      seed &+= 0x9E37_79B9_7F4A_7C15
      var z = seed
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    while names.count < 48 {
      let count = Int(next() % 4) + 1
      names.append((0..<count).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined())
    }
    for name in names {
      let result = try Self.export(["--format", "txt", "--output", name], in: folder)
      #expect([0, 64, 73].contains(result.status), "\(name): exit \(result.status) \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count <= 1, "\(name): \(result.stderr)")
      if result.status != 0 { #expect(result.stderr.hasPrefix("mnv2: "), "\(name): \(result.stderr)") }
    }
  }
}
