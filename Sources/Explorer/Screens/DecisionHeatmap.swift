import AblationKit
import TermCanvas

/// A trained net's decision over the plane, the way TF Playground draws it: each half of a
/// cell (▀, top in the foreground colour, bottom in the background) coloured by the class
/// the net gives it. Without colour the class-1 region is drawn in Braille dots (or ASCII),
/// so the picture survives a monochrome projector.
enum DecisionHeatmap {
  /// The two classes' colours: blue and orange, apart for the common colour-blindnesses.
  static let colors = (TerminalColor(32), TerminalColor(208))

  /// Whether the map is drawn in coloured half-blocks (else in dots).
  static func halfBlocks(theme: Theme, plotStyle: PlotStyle) -> Bool {
    theme.colored && theme.unicode && plotStyle == .braille
  }

  static func draw(
    _ map: DecisionMap, in rect: Rect, theme: Theme, plotStyle: PlotStyle, into canvas: inout Canvas
  ) {
    guard rect.width > 0, rect.height > 0 else { return }
    func side(column: Int, of columns: Int, row: Int, of rows: Int) -> Bool {
      let c = min(map.columns - 1, column * map.columns / columns)
      let r = min(map.rows - 1, row * map.rows / rows)
      return map.probability(column: c, row: r) > 0.5
    }
    if halfBlocks(theme: theme, plotStyle: plotStyle) {
      for row in 0..<rect.height {
        for column in 0..<rect.width {
          let top = side(column: column, of: rect.width, row: 2 * row, of: 2 * rect.height)
          let bottom = side(column: column, of: rect.width, row: 2 * row + 1, of: 2 * rect.height)
          let style = CellStyle(
            foreground: top ? colors.1 : colors.0, background: bottom ? colors.1 : colors.0)
          canvas.put("▀", x: rect.x + column, y: rect.y + row, style: style)
        }
      }
      return
    }
    var raster = ScatterRaster(columns: rect.width, rows: rect.height, style: plotStyle, extent: 1)
    let dots = plotStyle.dotsPerCell
    let dotsX = rect.width * dots.x, dotsY = rect.height * dots.y
    for row in 0..<dotsY {
      for column in 0..<dotsX where side(column: column, of: dotsX, row: row, of: dotsY) {
        raster.setDot(column: column, row: row)
      }
    }
    raster.draw(into: &canvas, x: rect.x, y: rect.y, colored: false)
  }
}
