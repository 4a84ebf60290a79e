import Foundation

/// Drives the real binary in a detached tmux session on a private socket, as a person
/// would: keys in with send-keys, the screen out with capture-pane.
final class TmuxSession {
  let socket = "mnv2-test-\(UUID().uuidString.prefix(8))"
  let name = "e2e"

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(width: Int, height: Int) throws {
    // A plain shell, so that after the explorer exits the same terminal can be inspected.
    try tmux([
      "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "bash --norc --noprofile",
    ])
    try tmux(["set-option", "-t", name, "status", "off"])
  }

  deinit {
    _ = try? tmux(["kill-server"])
    // tmux leaves the socket file behind; hundreds piled up in /tmp/tmux-<uid> before this.
    let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
    unlink("\(folder)/tmux-\(getuid())/\(socket)")
  }

  /// Runs tmux with posix_spawn and waitpid, its output going to a temporary file.
  ///
  /// Not Foundation's Process: the tmux server forks from the first client and inherits
  /// its file descriptors, which makes Process wait for a server that never exits.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(socket)-\(UUID().uuidString)"
    ).path
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["tmux", "-L", socket] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    // Test runners call from worker threads that block most signals, and a spawned process
    // inherits that mask: the tmux server, its shell and the explorer would then never see
    // SIGWINCH, SIGTERM or SIGTSTP. Start tmux with an empty mask and default handlers.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ)
    guard spawned == 0 else {
      throw Failure(description: "cannot run tmux (error \(spawned)); is it installed?")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitCode = (status >> 8) & 0xFF
    guard status & 0x7F == 0, exitCode == 0 else {
      throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(status)")
    }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  /// Types a shell command line and presses Enter.
  func run(_ commandLine: String) throws {
    try tmux(["send-keys", "-t", name, "-l", commandLine])
    try tmux(["send-keys", "-t", name, "Enter"])
  }

  /// Sends tmux key names (e.g. "j", "Enter", "Escape", "C-c").
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", name] + keys)
  }

  /// Types text literally, as a person would at the keyboard.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-l", text])
  }

  /// A left click at a cell counted from 1, as a terminal reports it with SGR 1006: the
  /// press, then the release.
  func click(column: Int, row: Int) throws {
    try type("\u{1B}[<0;\(column);\(row)M\u{1B}[<0;\(column);\(row)m")
  }

  /// One wheel notch at a cell (SGR buttons 64 up, 65 down; a wheel has no release).
  func wheel(down: Bool, column: Int, row: Int) throws {
    try type("\u{1B}[<\(down ? 65 : 64);\(column);\(row)M")
  }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
  }

  /// The pid of the pane's shell, whose child is the program under test.
  func shellPID() throws -> Int32 {
    Int32(
      try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(
        in: .whitespacesAndNewlines))
      ?? 0
  }

  /// How long a wait may take before it fails: generous, because a loaded 2-core machine
  /// (CI, or the suite's parallel tests) can stall a frame for seconds; a wait that is met
  /// returns at once, so the deadline costs nothing when all is well.
  static let defaultTimeout: Double = 60

  /// Polls the screen until `predicate` holds, or fails with the last screen after `timeout`.
  @discardableResult
  func waitFor(
    _ description: String, timeout: Double = TmuxSession.defaultTimeout, _ predicate: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if predicate(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure(description: "timed out waiting for \(description); screen was:\n\(last)")
  }

  /// Waits until every text is on screen: a capture can land while the program is still
  /// painting, so checking more than the first text after a wait would race.
  @discardableResult
  func waitForAll(_ texts: [String], timeout: Double = TmuxSession.defaultTimeout) throws -> String {
    try waitFor(texts.map { "'\($0)'" }.joined(separator: ", "), timeout: timeout) { screen in
      texts.allSatisfy(screen.contains)
    }
  }

  @discardableResult
  func waitFor(text: String, timeout: Double = TmuxSession.defaultTimeout) throws -> String {
    try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
  }
}
