import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// Standard against depthwise-separable cost for the selected block's widths, and the
/// saving k²d_j/(k²+d_j) plotted against d_j.
enum SeparableCostVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let group = state.network.groups[state.selectedGroup]
    var writer = LineWriter(area, theme: theme)
    guard group.kernel > 1, group.op != .avgpool, group.op != .classifier else {
      writer.line(
        "\(group.name) has no k\(theme.times)k convolution to split: it is "
          + (group.op == .avgpool ? "a pooling layer." : "a 1\(theme.times)1 layer, already pointwise."),
        style: theme.heading, into: &canvas)
      return
    }
    let k = group.kernel
    let di = group.input.channels, dj = group.output.channels
    let h = group.output.height, w = group.output.width
    let standard = h * w * di * dj * k * k
    let separable = h * w * di * (k * k + dj)
    let ratio = Double(k * k * dj) / Double(k * k + dj)
    writer.line(
      "\(group.name): d_i = \(di) \(theme.arrow) d_j = \(dj) at \(h)\(theme.times)\(w), k = \(k)",
      style: theme.heading,
      into: &canvas)
    writer.line("standard  h·w·d_i·d_j·k²  = \(NumberFormatting.grouped(standard)) MAdds", into: &canvas)
    writer.line("separable h·w·d_i·(k²+d_j) = \(NumberFormatting.grouped(separable)) MAdds", into: &canvas)
    writer.line(
      "saving    k²d_j/(k²+d_j) = \(k * k)·\(dj)/(\(k * k)+\(dj)) = \(NumberFormatting.fixed(ratio, decimals: 2))×",
      style: theme.heading, into: &canvas)
    writer.skip()
    let chartRows = writer.remaining - 2
    guard chartRows >= 3 else { return }
    drawChart(
      currentDj: dj, theme: theme, plotStyle: state.plotStyle,
      area: Rect(x: area.x, y: writer.y, width: area.width, height: chartRows + 2), into: &canvas)
  }

  /// ratio(d_j) for d_j = 1…1024 on a log₂ axis, with the limit 9 marked.
  static func drawChart(
    currentDj: Int, theme: Theme, plotStyle: PlotStyle, area: Rect, into canvas: inout Canvas
  ) {
    let labelWidth = 3
    let plot = Rect(
      x: area.x + labelWidth + 1, y: area.y, width: min(area.width - labelWidth - 1, 64),
      height: area.height - 2)
    var raster = ScatterRaster(
      columns: plot.width, rows: plot.height, style: plotStyle, xRange: 0...10, yRange: 0...9.5)
    // d_j = 2^(i/16) for i = 0…160: even steps on the log axis, by repeated multiplication.
    let step = 1.044_273_782_427_413_8  // 2^(1/16)
    var dj = 1.0
    for index in 0...160 {
      raster.plot(x: Double(index) / 16, y: 9 * dj / (9 + dj), shade: 0.9)
      if index % 4 == 0 { raster.plot(x: Double(index) / 16, y: 9, shade: 0.2) }  // the limit, dotted
      dj *= step
    }
    raster.draw(into: &canvas, x: plot.x, y: plot.y, colored: theme.colored)
    // The "9" sits on the row the dotted limit is drawn in: (9.5 − 9)/9.5 of the way down.
    let dotsDown = Int(((9.5 - 9) / 9.5 * Double(plot.height * plotStyle.dotsPerCell.y - 1)).rounded())
    canvas.write("9", x: area.x + 2, y: plot.y + dotsDown / plotStyle.dotsPerCell.y, style: theme.dim)
    canvas.write("0", x: area.x + 2, y: plot.maxY - 1, style: theme.dim)
    // The current block's d_j, marked on the x axis.
    let position = log2(Double(currentDj)) / 10
    let markX = plot.x + min(plot.width - 1, Int(position * Double(plot.width - 1)))
    canvas.write(theme.unicode ? "▲" : "^", x: markX, y: plot.maxY, style: theme.heading)
    let axis = "d_j: 1 … 1024 (log), ▲ = \(currentDj); ratio → 9 = k²".replacingUnicode(theme)
    canvas.write(axis, x: plot.x, y: plot.maxY + 1, style: theme.dim, maxWidth: area.maxX - plot.x)
  }

  static func log2(_ value: Double) -> Double {
    DeterministicMath.log(value) / 0.693_147_180_559_945_3
  }
}
