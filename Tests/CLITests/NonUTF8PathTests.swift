import Foundation
import Testing

/// Paths are bytes on Linux: a file named in Latin-1 (`caf\xe9.json`) is opened, written and
/// listed by its own bytes, and a message spells the byte as `\xe9`. Before, Swift's repaired
/// arguments (U+FFFD) said "no such file" for a file that exists, and `--output` silently
/// wrote `out\u{FFFD}.txt`.
@Suite struct NonUTF8PathTests {
  /// Runs `script` with sh in a fresh folder, with `$B` the binary; names are made with
  /// printf so the test itself never holds them as Strings.
  static func shell(_ script: String, in folder: String) throws -> BinaryRunner.Result {
    try BinaryRunner.run(
      ["-c", "cd '\(folder)' && B='\(BinaryRunner.binary.path)' && " + script],
      executable: URL(fileURLWithPath: "/bin/sh"))
  }

  @Test func filesNamedInLatin1AreReadWrittenAndListed() throws {
    let folder = try BinaryRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let arch = try Self.shell(
      "cp '\(FileManager.default.currentDirectoryPath)/Assets/architectures/mobilenet_v1.json' \"$(printf 'caf\\351.json')\" "
        + "&& \"$B\" layers --arch \"$(printf 'caf\\351.json')\" --format csv", in: folder)
    #expect(arch.status == 0, "\(arch.stderr)")
    #expect(arch.stdout.contains("s1.dw"))
    let missing = try Self.shell("\"$B\" layers --arch \"$(printf 'caf\\351x.json')\"", in: folder)
    #expect(missing.status == 65)
    #expect(
      missing.stderr == "mnv2: error: caf\\xe9x.json: cannot read the file: no such file or directory\n")
    let written = try Self.shell(
      "\"$B\" export --view network --format txt --output \"$(printf 'out\\351.txt')\" && ls | od -An -c | tr -d ' \\n'",
      in: folder)
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stdout.contains("out351.txt"), "the file's own byte, 0351 = 0xe9: \(written.stdout)")
    let again = try Self.shell(
      "\"$B\" export --view network --format txt --output \"$(printf 'out\\351.txt')\"", in: folder)
    #expect(
      again.status == 73 && again.stderr == "mnv2: error: out\\xe9.txt exists; use --force to replace it\n")
    let lessons = try Self.shell(
      "mkdir \"$(printf 'l\\351')\" && printf 'title: A\\nvisual: architecture\\n---\\nText.\\n' > \"$(printf 'l\\351/0\\351.lesson')\" "
        + "&& \"$B\" lesson --print --lessons \"$(printf 'l\\351')\"", in: folder)
    #expect(lessons.status == 0, "\(lessons.stderr)")
    #expect(lessons.stdout.hasPrefix("Step 1 / 1: A"))
  }
}
