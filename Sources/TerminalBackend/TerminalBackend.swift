import TermCanvas

/// What a full-screen program needs from a terminal, and nothing more: its size, a way to
/// show a canvas, keys, and giving the terminal back for a while. The ncurses terminal and
/// the test backend both implement it, so the run loop never knows which one it drives.
public protocol TerminalBackend: AnyObject {
  /// Columns and rows now.
  var size: TerminalSize { get }
  /// Shows the canvas; only the cells that differ from the last one need to change.
  func draw(_ canvas: Canvas)
  /// The next event, waiting at most `timeout` (nil: until one arrives, using no CPU).
  /// Nil when the timeout passed with nothing to report.
  func nextEvent(timeout: Duration?) -> TerminalEvent?
  /// Gives the terminal back to the shell (cooked mode, main screen, cursor shown).
  func suspend()
  /// Takes the terminal again: every mode reapplied, and the next draw repaints everything.
  func resume()
}

/// A terminal's size in cells.
public struct TerminalSize: Equatable, Sendable {
  public var width: Int
  public var height: Int

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

/// What a backend reports.
public enum TerminalEvent: Equatable, Sendable {
  case key(Key)
  /// A click or a wheel notch, where mouse reporting is on.
  case mouse(MouseEvent)
  /// The size changed; read `size`.
  case resize
  /// The process was stopped and continued: the terminal's modes may be gone.
  case resumed
  /// Nothing more will ever arrive (stdin closed, or a test script ran out).
  case endOfInput
}
