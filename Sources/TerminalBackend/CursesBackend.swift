import CNCurses
import Foundation
import TermCanvas

/// The ncurses edge: copies a Canvas to the screen (only the cells that changed) and reads
/// keys. Everything it draws was decided elsewhere.
public final class CursesBackend: TerminalBackend {
  public enum StartError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    /// TERM=dumb: a terminal that cannot move the cursor, which a full-screen view needs.
    case cannotAddressTheCursor
    public var description: String {
      switch self {
      case .notATerminal:
        return
          "the explorer needs an interactive terminal; for plain output try 'mnv2 layers' or 'mnv2 manifold'"
      case .cannotAddressTheCursor:
        return
          "TERM=dumb: the explorer needs a terminal that can address the cursor; try TERM=xterm-256color, or 'mnv2 layers' / 'mnv2 manifold'"
      case .unknownTerminal(let name):
        return
          "unknown terminal type TERM=\(name); try TERM=xterm-256color, or 'mnv2 layers' / 'mnv2 manifold'"
      }
    }
  }

  public private(set) var colorsAvailable = false
  private var previous: Canvas?
  /// Colour pair numbers by (foreground, background); ncurses needs pairs registered.
  private var pairs: [PairKey: Int16] = [:]
  private var nextPair: Int16 = 1

  private struct PairKey: Hashable {
    var foreground: Int16
    var background: Int16
  }

  /// Checks the environment without touching the terminal, so a bad start changes nothing.
  public static func checkEnvironment() throws(StartError) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
    let name = ProcessInfo.processInfo.environment["TERM"] ?? ""
    guard name != "dumb" else { throw .cannotAddressTheCursor }
    guard !name.isEmpty else { throw .unknownTerminal("(unset)") }
  }

  /// Whether the terminal reports clicks and the wheel (`--no-mouse`, MNV2_MOUSE=0: off).
  /// While it does, the terminal's own selection needs Shift held.
  public let mouse: Bool

  public init(wantColor: Bool, mouse: Bool = true) throws(StartError) {
    self.mouse = mouse
    try Self.checkEnvironment()
    setlocale(LC_ALL, "")
    guard mnv2_terminal_begin() == 0 else {
      throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")
    }
    mnv2_capture_stderr()
    mnv2_install_signal_handlers()
    applyModes()
    // Esc is a key of its own here; without this ncurses waits a second for a sequence.
    set_escdelay(25)
    if wantColor && has_colors() {
      start_color()
      use_default_colors()
      colorsAvailable = true
    }
  }

  deinit { mnv2_terminal_end() }

  /// Restores the terminal; safe to call more than once.
  public func end() { mnv2_terminal_end() }

  /// Raw keys, no echo, keypad on, cursor hidden: what the explorer needs, at start and
  /// again after every resume.
  private func applyModes() {
    cbreak()
    noecho()
    nonl()
    keypad(mnv2_stdscr(), true)
    curs_set(0)
    // Mouse reports are read by EscapeSequenceReader, mouse on or off, so a report that
    // arrives anyway (a terminal left reporting by another program) is dropped whole.
    keyok(KEY_MOUSE, false)
    if mouse { mnv2_mouse_reporting(1) }
  }

  public var size: TerminalSize {
    let width = Int(mnv2_cols()), height = Int(mnv2_lines())
    guard width > 0, height > 0 else { return TerminalSize(width: 80, height: 24) }
    return TerminalSize(width: width, height: height)
  }

  public func suspend() {
    mnv2_mouse_reporting(0)
    def_prog_mode()
    endwin()
    suspended = true
  }

  /// Whether `suspend` gave the terminal back and nothing has taken it again.
  private var suspended = false

  /// After a stop from any cause the shell may have put the terminal in cooked mode and off
  /// the alternate screen; leaving and re-entering curses reapplies everything. After our own
  /// suspend (Ctrl-Z) curses is already left: leaving again would send the alternate
  /// screen's exit twice, and the second restores the cursor saved at launch, so the shell,
  /// once the explorer quit, wrote over the lines printed meanwhile ("Stopped", "fg").
  public func resume() {
    if !suspended { endwin() }
    suspended = false
    refresh()
    applyModes()
    invalidate()
    decoder = UTF8KeyDecoder()
  }

  /// Forces the next draw to repaint everything (after a resize or a resume).
  func invalidate() {
    previous = nil
    clearok(mnv2_stdscr(), true)
  }

  /// Writes the cells that differ from the previous frame, then refreshes once.
  public func draw(_ canvas: Canvas) {
    let changed = canvas.changedCells(since: previous)
    if changed.count == canvas.cells.count { erase() }
    for index in changed {
      let row = index / canvas.width, column = index % canvas.width
      // The bottom-right cell too: `mnv2_put_cell` inserts it rather than adds it, so the
      // screen does not scroll (skipping it cut the footer's last letter, "q:qui").
      let cell = canvas.cells[index]
      // The right half of a wide character: ncurses filled it when it drew the left half.
      guard cell.width > 0 else { continue }
      let (attributes, pair) = curses(cell.style)
      var text = [wchar_t(bitPattern: cell.scalar.value)]
      for mark in cell.marks.unicodeScalars { text.append(wchar_t(bitPattern: mark.value)) }
      _ = mnv2_put_cell(Int32(row), Int32(column), text, Int32(text.count), attributes, pair)
    }
    previous = canvas
    refresh()
  }

  private func curses(_ style: CellStyle) -> (attr_t, Int16) {
    var attributes: attr_t = 0
    if style.bold { attributes |= mnv2_attr_bold() }
    if style.dim { attributes |= mnv2_attr_dim() }
    if style.reverse { attributes |= mnv2_attr_reverse() }
    if style.underline { attributes |= mnv2_attr_underline() }
    guard colorsAvailable, style.foreground != nil || style.background != nil else { return (attributes, 0) }
    let colors = Int(mnv2_colors())
    func index(_ color: TerminalColor?) -> Int16 {
      guard let color else { return -1 }
      // On an 8- or 16-colour terminal, fall back to the basic colour nearest in intent.
      if Int(color.index) < colors { return Int16(color.index) }
      return Int16(color.index % 8)
    }
    let key = PairKey(foreground: index(style.foreground), background: index(style.background))
    if let pair = pairs[key] { return (attributes, pair) }
    guard Int(nextPair) < Int(mnv2_color_pairs()) else { return (attributes, 0) }
    init_pair(nextPair, key.foreground, key.background)
    pairs[key] = nextPair
    nextPair += 1
    return (attributes, pairs[key]!)
  }

  /// Blocks (no timeout) until a key arrives: an idle explorer uses no CPU.
  public func nextEvent(timeout: Duration?) -> TerminalEvent? {
    if let held = heldEvent {
      heldEvent = nil
      return held
    }
    // A resume that came while drawing or computing: report it now, not after a key.
    if stopIfAsked() || mnv2_take_resumed() != 0 { return .resumed }
    let milliseconds =
      timeout.map {
        Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000)
      } ?? -1
    wtimeout(mnv2_stdscr(), milliseconds)
    var value: Int32 = 0
    let result = mnv2_get_key(&value)
    let event = event(result: result, value: value)
    if stopIfAsked() {
      // A key read in the same call is kept for the next one, as after any resume.
      heldEvent = event
      return .resumed
    }
    if event == .resize { invalidate() }
    // After Ctrl-Z and fg, or kill -STOP and -CONT: report the resume first, and keep a
    // key read in the same call for the next one.
    if mnv2_take_resumed() != 0 {
      heldEvent = event
      return .resumed
    }
    // A blocking read that returns nothing, with no signal behind it: if stdin has hung up
    // (a revoked terminal, a closed pty) it will never block again, so say so instead of
    // letting the loop spin.
    if timeout == nil && result == ERR && Self.inputHungUp() { return .endOfInput }
    return event
  }

  /// Ctrl-Z: the terminal goes back to the shell, the process stops, and when it is
  /// continued the caller hears `.resumed` and reapplies the modes before any key is read.
  private func stopIfAsked() -> Bool {
    guard mnv2_take_stop_request() != 0 else { return false }
    suspend()
    mnv2_stop_self()
    _ = mnv2_take_resumed()
    decoder = UTF8KeyDecoder()
    return true
  }

  private static func inputHungUp() -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, 0) >= 0 else { return true }
    return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  /// A key read after a resume, delivered by the next call.
  private var heldEvent: TerminalEvent?

  private func event(result: Int32, value: Int32) -> TerminalEvent? {
    // A function key, a timeout or a resume ends any character half read: its continuation
    // bytes will not come, and must not complete it later.
    if result != OK { decoder = UTF8KeyDecoder() }
    if result == mnv2_key_code_yes() {
      if value == mnv2_key_resize() { return .resize }
      return CursesKeyCode.function(value).key.map(TerminalEvent.key)
    }
    guard result != ERR, (0...255).contains(value), let scalar = decoder.feed(UInt8(value)) else {
      return nil
    }
    if scalar == "\u{1B}" { return readAfterEscape() }
    return CursesKeyCode.character(scalar).key.map(TerminalEvent.key)
  }

  /// After an Esc byte: the rest of a sequence the terminal sent is already waiting (ncurses
  /// held the Esc for ESCDELAY to see it), so the first read does not wait; once a sequence
  /// has begun, each next byte gets 50 ms, for a slow link. A byte that begins no sequence
  /// is given back, to be read as the key it is.
  private func readAfterEscape() -> TerminalEvent? {
    var reader = EscapeSequenceReader()
    var wait: Int32 = 0
    for _ in 0..<(EscapeSequenceReader.maximumLength * 2) {
      wtimeout(mnv2_stdscr(), wait)
      var value: Int32 = 0
      let result = mnv2_get_key(&value)
      let outcome: EscapeSequenceReader.Outcome
      if result == OK && (0...255).contains(value) {
        outcome = reader.feed(UInt8(value))
      } else {
        if result != ERR { ungetch(value) }
        outcome = reader.timedOut()
      }
      switch outcome {
      case .needsMore:
        wait = 50
        continue
      case .escapeKey:
        if result == OK { ungetch(value) }
        return .key(.escape)
      case .mouse(let event): return event.map(TerminalEvent.mouse)
      case .ignored: return nil
      }
    }
    return nil
  }

  /// Bytes to characters; ncurses hands over bytes (see mnv2_get_key).
  private var decoder = UTF8KeyDecoder()
}
