import Foundation
import Testing

/// Files that are not what they seem, and writes that fail or are cut short: the message
/// says what happened, and an export leaves nothing of its own behind.
@Suite struct FileErrorTests {
  func expectError(_ arguments: [String], status: Int32, _ fragment: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == status, "\(arguments): \(result.status) \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
  }

  /// A full disk is "no space left", not "permission denied" (/dev/full fails every write
  /// with ENOSPC).
  @Test func aFullDiskSaysSo() throws {
    try expectError(
      ["export", "--view", "network", "--format", "txt", "--output", "/dev/full"], status: 73,
      "cannot write /dev/full: no space left on device")
  }

  /// /dev/zero would be read for ever and a FIFO would block for ever: both are refused
  /// before a byte is read, as is a folder.
  @Test func inputsThatAreNotRegularFiles() throws {
    try expectError(
      ["layers", "--arch", "/dev/zero"], status: 65, "/dev/zero: cannot read the file: not a regular file")
    let folder = try BinaryRunner.temporaryFolder()
    try expectError(["layers", "--arch", folder], status: 65, "it is a folder, not a file")
    let fifo = (folder as NSString).appendingPathComponent("arch.json")
    #expect(mkfifo(fifo, 0o600) == 0)
    try expectError(
      ["layers", "--arch", fifo], status: 65, "arch.json: cannot read the file: not a regular file")
    // A lesson that is a FIFO, in a lesson folder.
    let lessons = try BinaryRunner.temporaryFolder()
    #expect(mkfifo((lessons as NSString).appendingPathComponent("01.lesson"), 0o600) == 0)
    try expectError(
      ["lesson", "--print", "--lessons", lessons], status: 65,
      "01.lesson:1: cannot read the file: not a regular file")
  }

  @Test func unreadableFilesGiveTheSystemsReason() throws {
    try expectError(
      ["layers", "--arch", "/nonexistent/mine.json"], status: 65,
      "/nonexistent/mine.json: cannot read the file: no such file or directory")
  }

  /// A signal that ends the export mid-write removes its temporary file. SIGXFSZ arrives
  /// inside write(2) itself when the file-size limit is 0, so the kill lands mid-write every
  /// time; the handler is the one every terminating signal (SIGINT, SIGTERM, …) shares.
  @Test func aKillMidWriteLeavesNoTemporaryFile() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let target = (folder as NSString).appendingPathComponent("network.html")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      "-c", "ulimit -f 0; exec \"$0\" export --view network --format html --output \"$1\"",
      BinaryRunner.binary.path, target,
    ]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGXFSZ)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
  }

  /// Found in review: `--output /dev/stdout >> log` opened the log anew at offset 0 and
  /// truncated it (with --force, which a regular file behind /dev/stdout needs). Our own
  /// stdout is now written through the descriptor the shell gave us.
  @Test func exportingToStdoutAppendsWhereTheShellSaid() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let log = (folder as NSString).appendingPathComponent("log.txt")
    let result = try BinaryRunner.run(
      [
        "-c",
        "echo first line > \"$1\" && \"$0\" export --view network --format txt --force --output /dev/stdout >> \"$1\"",
        BinaryRunner.binary.path, log,
      ], executable: URL(fileURLWithPath: "/bin/sh"))
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOfFile: log, encoding: .utf8)
    #expect(text.hasPrefix("first line\n"), "\(text.prefix(80))")
    #expect(text.contains("300,774,272 MAdds"))
  }

  /// Found in review: the temporary file's name was the target's plus about 22 bytes, so a
  /// legal 250-byte name failed with "file name too long".
  @Test func aLongButLegalNameCanBeWritten() throws {
    let folder = try BinaryRunner.temporaryFolder()
    let name = String(repeating: "n", count: 246) + ".txt"
    let target = (folder as NSString).appendingPathComponent(name)
    let result = try BinaryRunner.run(["export", "--view", "network", "--format", "txt", "--output", target])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name])
  }
}
