import Foundation
import Testing

/// The real binary under tmux. Serialized: each test owns a tmux server, and the
/// machine has two cores.
@Suite(.serialized) struct ExplorerEndToEndTests {
  /// A cache folder of its own each time, so no test finds a Figure 6 board another left
  /// (the Ablation view must be seen training).
  static var command: String {
    "env TERM=screen-256color LANG=C.UTF-8 XDG_CACHE_HOME=\(NSTemporaryDirectory())mnv2-e2e-\(UUID().uuidString) "
      + BinaryRunner.binary.path
  }

  /// Checks the terminal the explorer ran in is back in cooked mode with echo.
  func expectTerminalRestored(_ session: TmuxSession) throws {
    // The marker is computed by the shell so that the echoed command line cannot match it.
    try session.run("clear; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)'; echo STTY-$((40+2))")
    let screen = try session.waitFor(text: "STTY-42")
    let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.contains("icanon"), "stty: \(screen)")
    #expect(lines.contains("echo"), "stty: \(screen)")
    // tmux's own view of the modes: main screen, cursor shown, keypad and cursor keys normal,
    // and no mouse reporting left on (the shell would get clicks as typed text).
    let flags = try session.tmux([
      "display-message", "-p", "-t", session.name,
      "#{alternate_on} #{cursor_flag} #{keypad_flag} #{keypad_cursor_flag} #{mouse_any_flag}#{mouse_sgr_flag}",
    ])
    #expect(
      flags.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0 0 00",
      "alternate cursor keypad mouse: \(flags)")
  }

  /// The mouse as tmux's `send-keys` delivers a terminal's raw SGR 1006 reports, under both
  /// kinds of terminfo entry (xterm's kmous is the SGR prefix, screen's the X10 one): a
  /// click selects a row, a second opens it, the wheel moves on, a tab switches view, and
  /// quitting turns reporting off again.
  @Test(arguments: ["screen-256color", "xterm-256color"])
  func theMouseSelectsOpensScrollsAndSwitches(term: String) throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run(
      Self.command.replacingOccurrences(of: "TERM=screen-256color", with: "TERM=\(term)") + "; echo EXIT=$?")
    try session.waitFor(text: "bottleneck: linear (b)")
    let on = try session.tmux([
      "display-message", "-p", "-t", session.name, "#{mouse_standard_flag}#{mouse_sgr_flag}",
    ])
    #expect(on.trimmingCharacters(in: .whitespacesAndNewlines) == "11", "reporting: \(on)")
    // Row 9 of the screen (1-based, as SGR counts) is block 5: title, totals, header, 0…5.
    try session.click(column: 12, row: 9)
    try session.click(column: 12, row: 9)
    try session.waitFor(text: "b5 · bottleneck · t = 6 · stride 1")
    try session.wheel(down: true, column: 12, row: 9)
    try session.wheel(down: true, column: 12, row: 9)
    try session.waitFor(text: "b7 · bottleneck · t = 6 · stride 2")
    // A click on the depthwise row of the layer table works out its cost.
    try session.click(column: 3, row: 6)
    try session.waitFor(text: "depthwise 3×3 s2: 14·14·192 outputs × 3² (one channel) = 338,688 MAdds")
    // " 1 Network " is the first tab on the bottom row.
    try session.click(column: 4, row: 30)
    try session.waitForAll(["Operator", " 7 bottleneck  28×28×32 → 14×14×64"])
    // Nothing of a report reaches the explorer as typed keys, a right click and an unknown
    // function key included: a leaked "2" would switch to the Block view, where the click
    // below picks a layer and Enter opens nothing.
    try session.type("\u{1B}[<2;40;15M\u{1B}[<2;40;15m\u{1B}[25~")
    try session.click(column: 12, row: 9)
    try session.press("Enter")
    try session.waitFor(text: "b5 · bottleneck · t = 6 · stride 1")
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    try expectTerminalRestored(session)
  }

  /// `--no-mouse` and MNV2_MOUSE=0 leave the mouse to the terminal: reporting stays off.
  @Test(arguments: ["--no-mouse", "MNV2_MOUSE=0"])
  func theMouseCanBeLeftToTheTerminal(how: String) throws {
    let session = try TmuxSession(width: 100, height: 30)
    let command =
      how.hasPrefix("--")
      ? Self.command + " " + how : Self.command.replacingOccurrences(of: "env ", with: "env \(how) ")
    try session.run(command + "; echo EXIT=$?")
    try session.waitFor(text: "bottleneck: linear (b)")
    let flags = try session.tmux([
      "display-message", "-p", "-t", session.name, "#{mouse_any_flag}#{mouse_sgr_flag}",
    ])
    #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "00", "\(how): \(flags)")
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// A lesson prediction at 80×24: a click on a choice is a vote.
  @Test func aClickOnAChoiceVotes() throws {
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(Self.command + " lesson --step 2; echo EXIT=$?")
    try session.waitForAll(["Step 2 / 10", "Predict first:", "(c) 15"])
    let screen = try session.screen().split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(screen.firstIndex { $0.contains("(c) 15") })
    try session.click(column: 6, row: row + 1)
    try session.waitForAll(["1 vote.", "(c) 15"])
    let voted = try session.screen()
    #expect(
      voted.split(separator: "\n").contains { $0.contains("(c) 15") && $0.contains("1 100%") }, "\(voted)")
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    try expectTerminalRestored(session)
  }

  @Test func walkTheNetworkToggleTheBottleneckAndQuit() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run(Self.command + "; echo EXIT=$?")
    try session.waitForAll([
      "bottleneck linear", " 2 bottleneck  112×112×16 → 56×56×24", "20 classifier  1×1×1280 → 1×1×1000",
      "300,774,272 MAdds",
    ])

    try session.press("j", "j", "Enter")
    try session.waitForAll([
      "b2 · bottleneck", "expand     112×112×16 → 112×112×96", "depthwise  112×112×96 → 56×56×96",
      "project    56×56×96 → 56×56×24      1 1 linear",
    ])

    try session.press("b")
    try session.waitForAll([
      "bottleneck: ReLU6", "project    56×56×96 → 56×56×24      1 1 ReLU6", "shapes and costs unchanged",
    ])

    try session.press("m")
    try session.waitForAll(
      ["Figure 1"] + ["Input", "n = 2", "n = 3", "n = 5", "n = 15", "n = 30"].map { "─ \($0) ─" })

    try session.resize(width: 60, height: 20)
    try session.waitForAll(["Terminal too small: 60×20", "needs at least 80×24"])
    try session.resize(width: 100, height: 30)
    try session.waitFor(text: "Figure 1")

    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    try expectTerminalRestored(session)
  }

  /// The Ablation view at 80×24 as a class sees it: 4 starts training in the background,
  /// curves appear while it runs, b answers at once (training goes on), Ctrl-C mid-training
  /// quits and the terminal comes back.
  @Test func ablationTrainsWhileKeysWork() throws {
    let session = try TmuxSession(width: 80, height: 24)
    // The shell ignores SIGINT itself so that it lives to print the status.
    try session.run("sh -c 'trap \"\" INT; " + Self.command + "; echo EXIT=$?'")
    try session.waitFor(text: "bottleneck: linear")
    try session.press("4")
    // A curve: a Braille dot beside its name, while the status says training goes on.
    let training = try session.waitFor("curves while training") { screen in
      screen.contains("Figure 6a in miniature") && screen.contains("Training: ")
        && screen.split(separator: "\n").contains { line in
          line.contains(" linear") && line.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }
    }
    #expect(training.contains("= mnv2 ablation --compare both --seed 1"))
    try session.press("b")
    let switched = try session.waitForAll([
      "Figure 6b in miniature", "between expansions", "Figure 6b, d = 3 (b)",
    ])
    #expect(switched.contains("Training: "), "training had finished before b: \(switched)")
    try session.press("b", "D", "D")
    try session.waitForAll(["Figure 6a, d = 4 (b)", "→ d = 4"])
    try session.press("C-c")
    try session.waitFor(text: "EXIT=130")
    try expectTerminalRestored(session)
  }

  /// Every signal whose default action ends the process: the terminal comes back, and the
  /// status is 128 + n because the signal is raised again with its default action. Core
  /// dumps are switched off in the shell, so SIGQUIT, SIGSYS and SIGXCPU leave no file.
  @Test(arguments: [
    ("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("USR1", SIGUSR1),
    ("USR2", SIGUSR2),
    ("ALRM", SIGALRM), ("PIPE", SIGPIPE), ("XCPU", SIGXCPU), ("VTALRM", SIGVTALRM), ("PROF", SIGPROF),
    ("SYS", SIGSYS), ("PWR", SIGPWR), ("XFSZ", SIGXFSZ), ("STKFLT", SIGSTKFLT), ("IO", SIGIO),
  ])
  func signalsRestoreTheTerminal(name: String, number: Int32) throws {
    let session = try TmuxSession(width: 100, height: 30)
    // Through a non-interactive shell: an interactive one abandons the rest of the line when
    // its job dies of SIGINT (as it should, now that the explorer dies of it), and $? is read.
    try session.run("ulimit -c 0; bash -c '" + Self.command + " --view block --block 7; echo EXIT=$?'")
    try session.waitFor(text: "b7 · bottleneck")
    let child = try Self.descendantPID(of: try session.shellPID())
    kill(child, number)
    let screen = try session.waitFor(text: "EXIT=\(128 + number)")
    #expect(!screen.contains("b7 · bottleneck"), "SIG\(name): the explorer's screen is still up")
    #expect(!screen.contains("Program crashed"), "SIG\(name): a backtrace instead of an exit")
    try expectTerminalRestored(session)
  }

  /// The real-time signals, SIGRTMIN to SIGRTMAX as the shell numbers them (glibc keeps the
  /// first few for its threads), end the explorer as any other would: before, each left the
  /// alternate screen up and the terminal raw. The lesson and the quiz share the handlers,
  /// and are checked with the first and the last.
  @Test func realTimeSignalsRestoreTheTerminal() throws {
    let range = try BinaryRunner.run(
      ["-c", "kill -l RTMIN; kill -l RTMAX"], executable: URL(fileURLWithPath: "/bin/bash"))
    let bounds = range.stdout.split(separator: "\n").compactMap { Int32($0) }
    try #require(bounds.count == 2 && bounds[0] < bounds[1], "kill -l: \(range.stdout)")
    let commands = [("", "bottleneck: linear (b)"), (" lesson", "Step 1 / 10"), (" quiz", "Quiz │")]
    for number in bounds[0]...bounds[1] {
      let uses = number == bounds[0] || number == bounds[1] ? commands : [commands[0]]
      for (subcommand, ready) in uses {
        let session = try TmuxSession(width: 100, height: 30)
        try session.run("bash -c '" + Self.command + subcommand + "; echo EXIT=$?'")
        try session.waitFor(text: ready)
        kill(try Self.descendantPID(of: try session.shellPID()), number)
        let screen = try session.waitFor(text: "EXIT=\(128 + number)")
        #expect(!screen.contains(ready), "signal \(number)\(subcommand): the screen is still up")
        try expectTerminalRestored(session)
      }
    }
  }

  /// A raw stop and continue (not Ctrl-Z): the modes come back, keys are read one at a time
  /// without echo, and q still quits.
  @Test func stopAndContinueKeepTheModes() throws {
    let session = try TmuxSession(width: 100, height: 30)
    // Without job control, so the shell does not take the terminal back while it is stopped.
    try session.run("set +m; " + Self.command + "; echo EXIT=$?")
    try session.waitFor(text: "bottleneck linear")
    let child = try Self.childPID(of: try session.shellPID())
    kill(child, SIGSTOP)
    Thread.sleep(forTimeInterval: 0.3)
    kill(child, SIGCONT)
    Thread.sleep(forTimeInterval: 0.3)
    try session.press("j", "Down", "Enter")
    try session.waitFor(text: "b2 · bottleneck")
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    try expectTerminalRestored(session)
  }

  /// A crash (here a SIGSEGV from outside) restores the screen first, so the message is
  /// visible afterwards, and keeps the crash's exit status.
  @Test func crashRestoresTheTerminalBeforeTheMessage() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run(Self.command + "; echo EXIT=$?")
    try session.waitFor(text: "bottleneck linear")
    let child = try Self.childPID(of: try session.shellPID())
    kill(child, SIGSEGV)
    let screen = try session.waitFor(text: "EXIT=139")
    #expect(screen.contains("mnv2: the explorer crashed; the terminal has been restored."))
    #expect(!screen.contains("bottleneck linear"))  // the explorer's screen is gone
    try expectTerminalRestored(session)
  }

  /// Lessons in Chinese and with emoji at 80×24, as the terminal shows them: each wide
  /// character takes two columns, so no line runs past the edge, the text wraps inside it,
  /// and the footer and status bar stay whole.
  @Test func lessonsInChineseAndWithEmojiKeepTheirColumns() throws {
    let folder = NSTemporaryDirectory() + "mnv2-wide-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try """
    title: 深度可分离卷积 (depthwise separable)
    visual: separable-cost
    width: 1.0
    block: 2
    live: j/k 选择另一个块。
    ---
    标准的 k×k 卷积同时混合空间和通道，代价是 h·w·d_i·d_j·k²。MobileNets 把它分成两步：每个通道一个 k×k 深度卷积，然后一个 1×1 逐点卷积混合通道。当 k = 3 时节省趋近于 9 倍。
    """.write(toFile: folder + "/01-zh.lesson", atomically: true, encoding: .utf8)
    try """
    title: 🧪 Linear bottlenecks 🚀
    visual: linear-bottleneck
    width: 1.0
    block: 3
    ---
    ReLU 🔥 on a narrow layer destroys information 💥: the linear bottleneck keeps it ✅. Ｆｕｌｌｗｉｄｔｈ, café, 한국어 and 日本語 on one line 👍.
    """.write(toFile: folder + "/02-emoji.lesson", atomically: true, encoding: .utf8)
    // Columns by hand, independent of the program's table: the CJK, Hangul, fullwidth and
    // emoji blocks these lessons use are two columns, everything else here one.
    func columns(_ line: Substring) -> Int {
      line.unicodeScalars.reduce(0) { sum, scalar in
        let v = scalar.value
        let wide =
          (0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFF60).contains(v)
          || (0xAC00...0xD7A3).contains(v) || (0x1F300...0x1FAFF).contains(v) || v == 0x2705
        return sum + (wide ? 2 : 1)
      }
    }
    // The whole text is on screen, nothing lost at a line's end (as when a wide character
    // was counted as one column and the terminal pushed the rest of the line off the edge).
    func expectWhole(_ text: String, in screen: String) {
      let flat = screen.filter { $0 != "\n" && $0 != " " }
      #expect(flat.contains(text.filter { $0 != " " }), "'\(text)' is not whole on screen:\n\(screen)")
    }
    func expectWithinTheScreen(_ screen: String) {
      let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
      for line in lines { #expect(columns(line) <= 80, "\(columns(line)) columns: \(line)") }
      #expect(lines.contains { $0.hasSuffix("?:help L:explorer q:quit") }, "status bar cut:\n\(screen)")
    }
    let session = try TmuxSession(width: 80, height: 24)
    try session.run(Self.command + " lesson --lessons \(folder); echo EXIT=$?")
    let chinese = try session.waitForAll(["Step 1 / 2 · 深度可分离卷积 (depthwise separable)", "Lesson 1 / 2"])
    expectWhole(
      "标准的 k×k 卷积同时混合空间和通道，代价是 h·w·d_i·d_j·k²。MobileNets 把它分成两步：每个通道一个 k×k 深度卷积，"
        + "然后一个 1×1 逐点卷积混合通道。当 k = 3 时节省趋近于 9 倍。▸ j/k 选择另一个块。", in: chinese)
    expectWithinTheScreen(chinese)
    try session.press("Right")
    let emoji = try session.waitForAll(["Step 2 / 2 · 🧪 Linear bottlenecks 🚀", "Lesson 2 / 2"])
    expectWhole(
      "ReLU 🔥 on a narrow layer destroys information 💥: the linear bottleneck keeps it ✅. Ｆｕｌｌｗｉｄｔｈ, café, "
        + "한국어 and 日本語 on one line 👍.", in: emoji)
    expectWithinTheScreen(emoji)
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
    try expectTerminalRestored(session)
  }

  /// The bottom-right cell is drawn (it was skipped, so the footer read "q:qui"), without
  /// scrolling the screen: the title stays on the first line.
  @Test(arguments: ["screen-256color", "vt100"])
  func theBottomRightCellIsDrawn(term: String) throws {
    let session = try TmuxSession(width: 80, height: 24)
    try session.run("clear; env TERM=\(term) LANG=C.UTF-8 \(BinaryRunner.binary.path); echo EXIT=$?")
    let screen = try session.waitFor("the footer's last cell") { $0.contains("?:help q:quit") }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasPrefix(" MobileNetV2 1.0") == true, "scrolled: \(screen)")
    try session.press("j", "j")
    let moved = try session.waitFor("two rows down") { $0.contains("?:help q:quit") }
    #expect(moved.split(separator: "\n").first?.hasPrefix(" MobileNetV2 1.0") == true)
    try session.press("q")
    try session.waitFor(text: "EXIT=0")
  }

  /// vt100 and the Linux console have no alternate screen: what the explorer drew would
  /// stay behind the shell prompt unless it is cleared on the way out.
  @Test(arguments: ["vt100", "linux"])
  func terminalsWithoutAnAlternateScreenAreClearedOnExit(term: String) throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("env TERM=\(term) LANG=C.UTF-8 \(BinaryRunner.binary.path); echo EXIT=$?")
    try session.waitForAll(["300,774,272 MAdds", "20 classifier"])
    try session.press("q")
    let screen = try session.waitFor(text: "EXIT=0")
    #expect(!screen.contains("MAdds") && !screen.contains("classifier"), "left on screen:\n\(screen)")
    try expectTerminalRestored(session)
  }

  @Test func unknownTerminalTypeIsOneClearLine() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("env TERM=no-such-terminal \(BinaryRunner.binary.path); echo EXIT=$?")
    let screen = try session.waitFor(text: "EXIT=69")
    #expect(screen.contains("mnv2: unknown terminal type TERM=no-such-terminal"))
    try session.run("env TERM=dumb \(BinaryRunner.binary.path); echo DUMB_EXIT=$?")
    let dumb = try session.waitForAll(["needs a terminal that can address the cursor", "DUMB_EXIT=69"])
    #expect(!dumb.contains("unknown terminal type TERM=dumb"))
    try expectTerminalRestored(session)
  }

  @Test func suspendAndResume() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("set -m; " + Self.command + " --view block --block 7")
    try session.waitFor(text: "b7 · bottleneck")
    try session.press("C-z")
    try session.waitFor(text: "Stopped")
    try expectTerminalRestored(session)
    try session.run("fg")
    try session.waitFor(text: "b7 · bottleneck")
    // The first arrow key after fg: keypad mode is back, so Down is the next block, not an
    // Esc (which would go back to the Network view) followed by stray bytes.
    try session.press("Down")
    try session.waitFor(text: "b8 · bottleneck")
    // Esc alone, then j: sent together under load, ncurses could read them as Alt-j.
    try session.press("Escape")
    try session.waitFor(text: "# Operator")
    try session.press("j", "Enter")
    try session.waitFor(text: "b9 · bottleneck")
    try session.press("q")
    try session.run("echo BACK=$?")
    // The shell's cursor is where the shell left it: before the fix, the resume left the
    // alternate screen twice, and after q the shell wrote over the lines printed meanwhile.
    let after = try session.waitFor(text: "BACK=0").split(separator: "\n").map(String.init)
    // (The check of the modes while stopped cleared the screen and printed STTY-42.)
    let stopped = after.firstIndex { $0.contains("STTY-42") }
    let fg = after.firstIndex { $0.hasSuffix("# fg") }
    let back = after.firstIndex { $0.hasPrefix("BACK=0") }
    #expect(stopped != nil && fg != nil && back != nil, "\(after)")
    if let stopped, let fg, let back { #expect(stopped < fg && fg < back, "\(after)") }
  }

  /// Ctrl-C and Ctrl-\\ typed at the explorer are the terminal's SIGINT and SIGQUIT: the
  /// terminal comes back and the status says which (no backtrace for Ctrl-\\). The shell
  /// ignores SIGINT itself so that it lives to print the status.
  @Test(arguments: [("C-c", 130), ("C-\\", 131)])
  func controlKeysEndWithTheirSignal(key: String, status: Int) throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("ulimit -c 0; sh -c 'trap \"\" INT QUIT; " + Self.command + "; echo EXIT=$?'")
    try session.waitFor(text: "bottleneck linear")
    try session.press(key)
    let screen = try session.waitFor(text: "EXIT=\(status)")
    #expect(!screen.contains("Program crashed") && !screen.contains("bottleneck linear"))
    try expectTerminalRestored(session)
  }

  /// Every crash signal: the screen is restored before the message, and the status is the
  /// crash's own (128 + n), so a core dump or a debugger still sees it.
  @Test(arguments: [("BUS", SIGBUS), ("ILL", SIGILL), ("TRAP", SIGTRAP), ("ABRT", SIGABRT), ("FPE", SIGFPE)])
  func crashSignalsRestoreTheTerminal(name: String, number: Int32) throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("ulimit -c 0; bash -c '" + Self.command + "; echo EXIT=$?'")
    try session.waitFor(text: "bottleneck linear")
    kill(try Self.descendantPID(of: try session.shellPID()), number)
    let screen = try session.waitFor(text: "EXIT=\(128 + number)")
    #expect(screen.contains("mnv2: the explorer crashed; the terminal has been restored."), "SIG\(name)")
    try expectTerminalRestored(session)
  }

  /// SIGKILL cannot be caught, so the terminal stays as the explorer left it; `reset` gets
  /// the modes back, and `tput rmcup` the main screen in tmux and screen, whose reset keeps
  /// the alternate screen (docs/reference.md, "Exit paths"). Nothing else is left over.
  @Test func afterSigkillResetIsEnough() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run("bash -c '" + Self.command + "; echo EXIT=$?'")
    try session.waitFor(text: "bottleneck linear")
    kill(try Self.descendantPID(of: try session.shellPID()), SIGKILL)
    try session.waitFor(text: "EXIT=137")
    try session.run("reset; tput rmcup")
    try expectTerminalRestored(session)
  }

  /// Found by the soak: after an emoji or a malformed UTF-8 byte, ncurses' character reader
  /// swallowed every later key, so the explorer stopped answering. Each such input is
  /// followed by `?`, which must still open the help.
  @Test(arguments: [["f0", "9f", "98", "80"], ["c0", "af"], ["ed", "a0", "80"], ["e2", "82"]])
  func keysAfterOddBytesStillArrive(bytes: [String]) throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.run(Self.command + "; echo EXIT=$?")
    try session.waitFor(text: "bottleneck linear")
    try session.tmux(["send-keys", "-t", session.name, "-H"] + bytes)
    try session.press("?")
    try session.waitFor(text: "Keys")
    try session.press("q", "q")
    try session.waitFor(text: "EXIT=0")
  }

  /// The explorer started somewhere below the session's shell (through `bash -c`).
  static func descendantPID(of parent: Int32) throws -> Int32 {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      let children = try BinaryRunner.run(
        ["-P", String(parent)], executable: URL(fileURLWithPath: "/usr/bin/pgrep"))
      for child in children.stdout.split(separator: "\n").compactMap({ Int32($0) }) {
        if let pid = try? childPID(of: child, timeout: 0.2) { return pid }
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw TmuxSession.Failure(description: "no mnv2 below \(parent)")
  }

  /// The explorer started by the session's shell, found with pgrep (no /proc).
  static func childPID(of parent: Int32, timeout: Double = 5) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let found = try BinaryRunner.run(
        ["-P", String(parent), "mnv2"], executable: URL(fileURLWithPath: "/usr/bin/pgrep"))
      if let pid = found.stdout.split(separator: "\n").first.flatMap({ Int32($0) }) { return pid }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw TmuxSession.Failure(description: "no mnv2 child of \(parent)")
  }
}
