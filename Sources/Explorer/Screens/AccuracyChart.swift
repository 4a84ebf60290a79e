import AblationKit
import TermCanvas

/// Test accuracy against the training step, as Figure 6 draws it: per variant the mean
/// over the seeds trained so far (a bold line) over a band one sd either side (a dim
/// stipple), 50% (chance) at the bottom, each line named at its right end.
struct AccuracyChart {
  struct Series {
    var curves: [[CurvePoint]]
    var style: CellStyle
    var name: String
  }

  var series: [Series]
  var steps: Int
  var plotStyle: PlotStyle

  static let floor = 0.5

  /// The band's dot: in ASCII a tilde, apart from the line's own ' . and :. The classroom
  /// theme has no dim text, so there the band is a light shade, which no Braille line
  /// resembles even in monochrome.
  static func stipple(_ theme: Theme) -> Unicode.Scalar {
    theme.unicode ? (theme.classroom ? "░" : "·") : "~"
  }
  static let axisWidth = 5

  /// The widest end label plus its gap.
  var labelWidth: Int { (series.map(\.name.count).max() ?? 0) + 1 }

  func draw(in rect: Rect, theme: Theme, into canvas: inout Canvas) {
    let plot = Rect(
      x: rect.x + Self.axisWidth, y: rect.y, width: max(0, rect.width - Self.axisWidth - labelWidth),
      height: max(0, rect.height - 1))
    guard plot.width >= 4, plot.height >= 2 else { return }
    for (row, label) in [(plot.y, "100%"), (plot.y + plot.height / 2, " 75%"), (plot.maxY - 1, " 50%")] {
      canvas.write(label, x: rect.x, y: row, style: theme.dim)
    }
    let axis = plot.maxY
    canvas.write("0", x: plot.x, y: axis, style: theme.dim)
    let end = "step \(steps)"
    canvas.write(end, x: max(plot.x + 2, plot.maxX - end.count), y: axis, style: theme.dim)

    // The bands first, as a stipple of dim dots in every cell within one sd of the mean; then the means over them as one-dot lines, which win any cell they cross.
    var means: [(raster: ScatterRaster, style: CellStyle)] = []
    var ends: [(row: Int, series: Series)] = []
    let dotRows = plot.height * plotStyle.dotsPerCell.y
    for item in series {
      let summary = Self.summary(item.curves)
      guard !summary.isEmpty else { continue }
      var stipple = item.style
      stipple.dim = !theme.classroom
      for column in 0..<plot.width {
        guard let (low, high) = range(summary, column: column, columns: plot.width) else { continue }
        let top = dotRow(high, rows: dotRows) / plotStyle.dotsPerCell.y
        let bottom = dotRow(low, rows: dotRows) / plotStyle.dotsPerCell.y
        for row in top...bottom {
          canvas.put(Self.stipple(theme), x: plot.x + column, y: plot.y + row, style: stipple)
        }
      }
      var mean = ScatterRaster(columns: plot.width, rows: plot.height, style: plotStyle, extent: 1)
      line(summary.map { ($0.step, $0.mean) }, into: &mean)
      var bold = item.style
      bold.bold = true
      means.append((mean, bold))
      ends.append((dotRow(summary.last!.mean, rows: dotRows) / plotStyle.dotsPerCell.y, item))
    }
    for (raster, style) in means {
      raster.draw(into: &canvas, x: plot.x, y: plot.y, colored: false, style: style)
    }
    // Names at the right end of each mean line, moved a row apart where two would collide.
    var taken = Set<Int>()
    for (row, item) in ends.sorted(by: { $0.row < $1.row }) {
      var y = row
      while taken.contains(y) && y < plot.height - 1 { y += 1 }
      while taken.contains(y) && y > 0 { y -= 1 }
      // Every row taken (more curves than rows): this name would overwrite another's.
      if taken.contains(y) {
        canvas.noteDropped("\(item.name): no free row for the chart's label")
        continue
      }
      taken.insert(y)
      var style = item.style
      style.bold = true
      canvas.write(item.name, x: plot.maxX + 1, y: plot.y + y, style: style, maxWidth: labelWidth - 1)
    }
  }

  /// Mean accuracy at each evaluated step, over the curves that reach it, and one sample
  /// sd either side (none for a single curve).
  static func summary(_ curves: [[CurvePoint]]) -> [(step: Int, mean: Double, low: Double, high: Double)] {
    guard let longest = curves.max(by: { $0.count < $1.count }) else { return [] }
    return longest.indices.map { i in
      let statistics = SeedStatistics(curves.filter { $0.count > i }.map { $0[i].accuracy })
      let (mean, sd) = (statistics.mean, statistics.standardDeviation)
      return (longest[i].step, mean, mean - sd, mean + sd)
    }
  }

  /// The band's edges at a cell column's centre, interpolated between the evaluated steps
  /// either side, so the band has no gaps however wide the chart; nil before the first step.
  private func range(
    _ summary: [(step: Int, mean: Double, low: Double, high: Double)], column: Int, columns: Int
  ) -> (Double, Double)? {
    let step = (Double(column) + 0.5) * Double(max(1, steps)) / Double(columns)
    guard let first = summary.first, step >= Double(first.step) - Double(steps) / Double(2 * columns) else {
      return nil
    }
    guard let after = summary.firstIndex(where: { Double($0.step) >= step }) else {
      let last = summary.last!
      return step <= Double(last.step) + Double(steps) / Double(2 * columns) ? (last.low, last.high) : nil
    }
    guard after > 0 else { return (first.low, first.high) }
    let a = summary[after - 1], b = summary[after]
    let t = (step - Double(a.step)) / Double(b.step - a.step)
    return (a.low + (b.low - a.low) * t, a.high + (b.high - a.high) * t)
  }

  private func dotRow(_ accuracy: Double, rows: Int) -> Int {
    let fraction = (accuracy - Self.floor) / (1 - Self.floor)
    let row = ((1 - fraction) * Double(rows - 1)).rounded()
    return Int(min(Double(rows - 1), max(0, row)))
  }

  /// Joins the points (step 0 at the left) with one-dot steps; values below 50% sit on the floor.
  private func line(_ points: [(Int, Double)], into raster: inout ScatterRaster) {
    let dotsX = raster.columns * plotStyle.dotsPerCell.x, dotsY = raster.rows * plotStyle.dotsPerCell.y
    var previous: (Double, Double)?
    for (step, accuracy) in points {
      let x = Double(step) / Double(max(1, steps)) * Double(dotsX - 1)
      let y = Double(dotRow(accuracy, rows: dotsY))
      let from = previous ?? (x, y)
      let count = Int(max(abs(x - from.0), abs(y - from.1)).rounded(.up))
      for i in 0...max(0, count) {
        let t = count == 0 ? 1 : Double(i) / Double(count)
        raster.setDot(
          column: Int((from.0 + (x - from.0) * t).rounded()), row: Int((from.1 + (y - from.1) * t).rounded()))
      }
      previous = (x, y)
    }
  }
}
