import Foundation
import Testing

/// Every C0 control, DEL, every C1 control and the bidi controls and line separators, fed
/// through every output path from the files a user gives (an architecture's name, a lesson's
/// title and text, field names in errors). The check is on the bytes written: not one of
/// those scalars may come out raw; each must be spelled out (`\x1b`, `\u009b`, `\u202e`).
@Suite struct ControlByteTests {
  static let codePoints: [UInt32] =
    Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
    + [
      0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028,
      0x2029,
    ]

  /// The raw scalars of `codePoints` found in `output`; SGR sequences a format writes on
  /// purpose (ANSI export, `\e[…m`) are set aside first, and so are `kept` (newlines of a
  /// multi-line output).
  static func leaks(_ output: String, keeping kept: Set<UInt32> = [0x0A]) -> [String] {
    let text = output.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    let bad = Set(codePoints).subtracting(kept)
    return Array(Set(text.unicodeScalars.map(\.value).filter(bad.contains))).sorted().map {
      "U+" + String($0, radix: 16)
    }
  }

  /// Names holding every code point between them (a name has at most 80 characters), as
  /// JSON strings: each scalar written as \uXXXX.
  static var jsonNames: [String] {
    [Array(codePoints.prefix(33)), Array(codePoints.dropFirst(33))].map { part in
      "X" + part.map { "\\u" + String(format: "%04x", $0) }.joined() + "Y"
    }
  }

  static func architecture(name: String = jsonNames[0], op: String = "conv2d") -> String {
    """
    { "schema": "mnv2-architecture/1", "name": "\(name)", "reference": "ref \(name)", "input_channels": 3,
      "stages": [
        { "op": "\(op)", "kernel": 3, "c": 32, "n": 1, "s": 2 },
        { "op": "bottleneck", "t": 1, "c": 16, "n": 1, "s": 1 },
        { "op": "conv2d", "kernel": 1, "c": 1280, "n": 1, "s": 1 },
        { "op": "avgpool" }, { "op": "classifier" } ] }
    """
  }

  @Test(arguments: [0, 1])
  func architectureFilesNeverSpeakToTheTerminal(part: Int) throws {
    let file = try BinaryRunner.temporaryFile(Self.architecture(name: Self.jsonNames[part]))
    for format in ["table", "json", "csv", "markdown"] {
      let result = try BinaryRunner.run(["layers", "--arch", file, "--format", format])
      #expect(result.status == 0, "\(format): \(result.stderr)")
      #expect(Self.leaks(result.stdout).isEmpty, "layers --format \(format): \(Self.leaks(result.stdout))")
      let spelled = part == 0 ? ["\\x1b", "\\u001b"] : ["\\u009b"]
      // CSV has no field for the name; the others show it, spelled out.
      if format != "csv" {
        #expect(spelled.contains { result.stdout.contains($0) }, "\(format): not spelled out")
      }
    }
    try Self.expectSafeExports(
      ["--arch", file, "--view", "network"], formats: ["txt", "ansi", "svg", "html"])
  }

  /// `mnv2 export <arguments>` in each format, checking the bytes of every file written.
  static func expectSafeExports(_ arguments: [String], formats: [String]) throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for format in formats {
      let output = folder + "/screen.\(format)"
      let result = try BinaryRunner.run(["export"] + arguments + ["--format", format, "--output", output])
      #expect(result.status == 0, "\(arguments) \(format): \(result.stderr)")
      let written = try String(contentsOfFile: output, encoding: .utf8)
      #expect(leaks(written).isEmpty, "export \(arguments) --format \(format): \(leaks(written))")
    }
  }

  @Test func errorMessagesAreOneSafeLine() throws {
    let names = Self.codePoints.map { String(UnicodeScalar($0)!) }.joined()
    for file in [
      Self.architecture(op: "evil\\u001b[31m\\u009b\\u0085\\u202e"),
      Self.architecture().replacingOccurrences(
        of: "\"kernel\": 3, \"c\": 32", with: "\"k\\u009bx\": 3, \"c\": 32"),
    ] {
      let path = try BinaryRunner.temporaryFile(file)
      let result = try BinaryRunner.run(["layers", "--arch", path])
      #expect(result.status == 65, "\(result.stderr)")
      #expect(Self.leaks(result.stderr).isEmpty, "\(Self.leaks(result.stderr))")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
    // A lesson file whose field name holds every code point but the newline.
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let field = names.replacingOccurrences(of: "\n", with: "")
    try "tit\(field)le: x\nvisual: manifold\n---\ntext\n".write(
      toFile: folder + "/01.lesson", atomically: true, encoding: .utf8)
    let result = try BinaryRunner.run(["lesson", "--print", "--lessons", folder])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(Self.leaks(result.stderr).isEmpty, "\(Self.leaks(result.stderr))")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func lessonTextNeverSpeaksToTheTerminal() throws {
    let raw = Self.codePoints.filter { $0 != 0x0A && $0 != 0x0D }.map { String(UnicodeScalar($0)!) }.joined()
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "title: T\(raw)Z\nvisual: manifold\nlive: L\(raw)\n---\nBody \(raw) end.\n".write(
      toFile: folder + "/01.lesson", atomically: true, encoding: .utf8)
    for format in ["text", "markdown"] {
      let result = try BinaryRunner.run(["lesson", "--print", "--lessons", folder, "--format", format])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        Self.leaks(result.stdout).isEmpty, "lesson --print --format \(format): \(Self.leaks(result.stdout))")
      #expect(result.stdout.contains("\\x1b"))
    }
    try Self.expectSafeExports(["--lessons", folder, "--view", "lesson"], formats: ["txt", "ansi", "html"])
  }
}
