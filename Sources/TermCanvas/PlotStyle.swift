/// How points are drawn into cells.
public enum PlotStyle: String, CaseIterable, Sendable {
  /// 7-bit only: each cell is split into a top and a bottom half, shown as `'`, `.` or `:`.
  case ascii
  /// Unicode Braille patterns (U+2800–U+28FF): 2 × 4 dots per cell.
  case braille

  /// Sub-cell resolution (columns, rows) of one cell.
  public var dotsPerCell: (x: Int, y: Int) {
    switch self {
    case .ascii: return (1, 2)
    case .braille: return (2, 4)
    }
  }
}
