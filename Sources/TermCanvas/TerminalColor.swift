/// A colour from the xterm 256-colour palette, the widest set ncurses and plain ANSI
/// escapes can both show.
public struct TerminalColor: Equatable, Hashable, Sendable {
  public var index: UInt8
  public init(_ index: UInt8) { self.index = index }

  public static let black = TerminalColor(0)
  public static let red = TerminalColor(1)
  public static let green = TerminalColor(2)
  public static let yellow = TerminalColor(3)
  public static let blue = TerminalColor(4)
  public static let magenta = TerminalColor(5)
  public static let cyan = TerminalColor(6)
  public static let white = TerminalColor(7)
  public static let gray = TerminalColor(244)

  /// Eight steps from purple through blue, teal and green to yellow (viridis-like), taken
  /// from the 6×6×6 cube. Readable on dark and light backgrounds, and ordered in lightness
  /// so position along a curve still reads in greyscale.
  public static let gradient: [TerminalColor] = [54, 61, 67, 37, 36, 71, 113, 184].map { TerminalColor($0) }

  /// The gradient colour for a position t in [0, 1].
  public static func gradient(at t: Double) -> TerminalColor {
    let clamped = t.isFinite ? min(max(t, 0), 1) : 0
    let index = min(gradient.count - 1, Int(clamped * Double(gradient.count)))
    return gradient[index]
  }
}
