/// One character cell of the screen.
public struct Cell: Equatable, Hashable, Sendable {
  /// A single-width scalar: ASCII, box drawing or Braille. Wide characters are not used.
  public var scalar: Unicode.Scalar
  public var style: CellStyle

  public init(_ scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
    self.scalar = scalar
    self.style = style
  }

  public static let blank = Cell()
}
