/// How a cell is drawn. Plain values so a whole screen can be compared in a test.
public struct CellStyle: Equatable, Hashable, Sendable {
  public var foreground: TerminalColor?
  public var background: TerminalColor?
  public var bold: Bool
  public var reverse: Bool
  public var underline: Bool
  public var dim: Bool

  public init(
    foreground: TerminalColor? = nil, background: TerminalColor? = nil, bold: Bool = false,
    reverse: Bool = false,
    underline: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  public static let plain = CellStyle()
  public static let bold = CellStyle(bold: true)
  public static let reverse = CellStyle(reverse: true)
  public static let dim = CellStyle(dim: true)

  public func with(foreground color: TerminalColor?) -> CellStyle {
    var copy = self
    copy.foreground = color
    return copy
  }
}
