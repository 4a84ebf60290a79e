import ManifoldKit
import MobileNetKit
import TermCanvas

/// The paper's Figure 1 drawn into a canvas: Input plus one framed panel per n, all on one
/// scale, each with its metrics underneath.
public struct ManifoldFigure {
  public var result: ManifoldResult
  public var plotStyle: PlotStyle
  public var colored: Bool
  public var unicode: Bool

  /// Narrowest panel that still shows a recognisable spiral and its metric lines.
  public static let minimumPanelWidth = 30
  static let gap = 1
  /// Lines of metrics under each panel: two in reports, one on a crowded screen.
  public var metricLines = 2

  public init(result: ManifoldResult, plotStyle: PlotStyle, colored: Bool, unicode: Bool) {
    self.result = result
    self.plotStyle = plotStyle
    self.colored = colored
    self.unicode = unicode
  }

  /// Panels per row for a total width: 3 from 120 columns, 2 from 80, otherwise 1.
  public static func panelsPerRow(width: Int) -> Int {
    width >= 120 ? 3 : (width >= 80 ? 2 : 1)
  }

  public struct Layout: Equatable {
    public var perRow: Int
    public var panelWidth: Int
    public var plotRows: Int
    public var metricLines: Int
    public var panelHeight: Int { plotRows + 2 + metricLines }
  }

  /// The layout whose square plots are largest within width × height, trying every
  /// number of panels per row (for a screen, where both sides are fixed).
  public func fittedLayout(width: Int, height: Int, minimumPanelWidth: Int = 12) -> Layout? {
    let panelCount = result.panels.count + 1
    var best: (layout: Layout, side: Int)?
    for perRow in 1...panelCount {
      let panelWidth = (width - (perRow - 1) * Self.gap) / perRow
      guard panelWidth >= minimumPanelWidth else { continue }
      let gridRows = (panelCount + perRow - 1) / perRow
      let plotRows = min((panelWidth - 2) / 2, height / gridRows - 2 - metricLines)
      guard plotRows >= 3 else { continue }
      let dots = plotStyle.dotsPerCell
      let side = min((panelWidth - 2) * dots.x, plotRows * dots.y)
      if side > (best?.side ?? 0) {
        best = (
          Layout(perRow: perRow, panelWidth: panelWidth, plotRows: plotRows, metricLines: metricLines), side
        )
      }
    }
    return best?.layout
  }

  /// Fits the grid into `width` columns; `maxHeight` (for a screen) shrinks the plots.
  public func layout(width: Int, maxHeight: Int? = nil) -> Layout? {
    let perRow = Self.panelsPerRow(width: width)
    let panelWidth = (width - (perRow - 1) * Self.gap) / perRow
    guard panelWidth >= Self.minimumPanelWidth else { return nil }
    // Square data in square dots: inner width w cells hold as many dots as w/2 rows.
    var plotRows = (panelWidth - 2) / 2
    if let maxHeight {
      let panelCount = result.panels.count + 1
      let gridRows = (panelCount + perRow - 1) / perRow
      let available = maxHeight / gridRows - 2 - metricLines
      plotRows = min(plotRows, available)
      guard plotRows >= 4 else { return nil }
    }
    return Layout(perRow: perRow, panelWidth: panelWidth, plotRows: plotRows, metricLines: metricLines)
  }

  /// Draws the figure at the origin of a new canvas `width` wide.
  public func render(width: Int, maxHeight: Int? = nil) -> Canvas? {
    guard let layout = layout(width: width, maxHeight: maxHeight) else { return nil }
    let panelCount = result.panels.count + 1
    let gridRows = (panelCount + layout.perRow - 1) / layout.perRow
    var canvas = Canvas(width: width, height: gridRows * layout.panelHeight)
    draw(into: &canvas, origin: (0, 0), layout: layout)
    return canvas
  }

  /// The cells of the text figure `width` wide with `panels` panels besides the input, from
  /// the layout alone, so a command can refuse a figure too large before computing it.
  public static func textCells(panels: Int, width: Int) -> Int? {
    let perRow = panelsPerRow(width: width)
    let panelWidth = (width - (perRow - 1) * gap) / perRow
    guard panelWidth >= minimumPanelWidth else { return nil }
    let panelHeight = (panelWidth - 2) / 2 + 2 + 2
    return width * ((panels + 1 + perRow - 1) / perRow) * panelHeight
  }

  /// The figure one row of panels at a time, each handed to `band` as soon as it is drawn,
  /// so a figure of hundreds of panels is never held whole (800 panels at 2,000 columns were
  /// 180 million cells, 2.75 GB). The bands, stacked, are `render(width:)`'s canvas.
  public func renderBands(width: Int, _ band: (Canvas) -> Void) -> Bool {
    guard let layout = layout(width: width) else { return false }
    let panelCount = result.panels.count + 1
    for row in 0..<((panelCount + layout.perRow - 1) / layout.perRow) {
      var canvas = Canvas(width: width, height: layout.panelHeight)
      let first = row * layout.perRow
      draw(
        into: &canvas, origin: (0, -row * layout.panelHeight), layout: layout,
        panels: first..<min(panelCount, first + layout.perRow))
      band(canvas)
    }
    return true
  }

  public func draw(into canvas: inout Canvas, origin: (x: Int, y: Int), layout: Layout) {
    draw(into: &canvas, origin: origin, layout: layout, panels: 0..<(result.panels.count + 1))
  }

  /// Draws the panels in `panels` (0 is the input) where the whole figure would put them.
  func draw(into canvas: inout Canvas, origin: (x: Int, y: Int), layout: Layout, panels: Range<Int>) {
    let scales = result.displayScales
    let extent = result.displayExtent(scales: scales)
    let box = BoxStyle.forUnicode(unicode)
    let count = result.inputs.count
    let shades = (0..<count).map { Float(count > 1 ? Double($0) / Double(count - 1) : 0) }
    for index in panels {
      let column = index % layout.perRow, row = index / layout.perRow
      let x = origin.x + column * (layout.panelWidth + Self.gap)
      let y = origin.y + row * layout.panelHeight
      let frame = Rect(x: x, y: y, width: layout.panelWidth, height: layout.plotRows + 2)
      var raster = ScatterRaster(
        columns: frame.width - 2, rows: layout.plotRows, style: plotStyle, extent: extent)
      let scale = index == 0 ? 1 : scales[index - 1]
      let points = index == 0 ? result.inputs : result.panels[index - 1].recovered
      raster.plotPolyline(points.map { ($0.x * scale, $0.y * scale) }, shades: shades)
      let title = index == 0 ? "Input" : "n = \(result.panels[index - 1].dimension)"
      canvas.box(frame, style: box, cellStyle: .dim, title: title)
      raster.draw(into: &canvas, x: frame.x + 1, y: frame.y + 1, colored: colored)
      var label =
        index == 0 ? Self.extentLabel(extent, unicode: unicode) : Self.scaleLabel(scale, unicode: unicode)
      // The input's frame carries the square every panel shares; say so where it fits.
      if index == 0 && label.count + 8 <= frame.width { label = " all" + label }
      if label.count + 4 <= frame.width {
        canvas.write(label, x: frame.x + 2, y: frame.maxY - 1, style: .dim)
      }
      let lines = metricText(panelIndex: index, width: layout.panelWidth)
      for (offset, line) in lines.prefix(layout.metricLines).enumerated() {
        canvas.write(line, x: x, y: frame.maxY + offset, maxWidth: layout.panelWidth)
      }
    }
  }

  /// " ±4.20 " on the input's frame: the half-width of the square every panel shares.
  static func extentLabel(_ extent: Double, unicode: Bool) -> String {
    " \(unicode ? "±" : "+/-")\(NumberFormatting.fixed(extent, decimals: 2)) "
  }

  /// " ×2.03 " on a recovered panel's frame: it is drawn that much larger than T⁺ returned it.
  static func scaleLabel(_ scale: Double, unicode: Bool) -> String {
    " \(unicode ? "×" : "x")\(NumberFormatting.fixed(scale, decimals: 2)) "
  }

  /// The panel's metrics as whole tokens packed into `metricLines` lines of `width`, in
  /// order of importance: what collapsed, what Theorem 1 predicts, then the error and the
  /// zeroed share. A token that does not fit is left out, never cut.
  private func metricText(panelIndex: Int, width: Int) -> [String] {
    let experiment = result.experiment
    let tokens: [String]
    if panelIndex == 0 {
      let turns = experiment.spiral.turns
      let turnsText = NumberFormatting.fixed(turns, decimals: turns == turns.rounded() ? 0 : 2)
      tokens = [
        "\(experiment.spiral.points) pts", experiment.activation.label, "\(turnsText) turns",
        "seed \(experiment.seed)",
      ]
    } else {
      let panel = result.panels[panelIndex - 1]
      let trials = experiment.trials
      func share(_ summary: MetricSummary) -> String {
        let value = NumberFormatting.fixed(summary.mean * 100, decimals: 1)
        guard trials > 1 else { return value + "%" }
        return value + (unicode ? "±" : "+/-")
          + NumberFormatting.fixed(summary.standardDeviation * 100, decimals: 1) + "%"
      }
      tokens = [
        // Outside ReLU, "thy" beside a measured 0% would read as this activation's theory.
        "coll \(share(panel.collapsedFraction))",
        (experiment.activation == .relu ? "thy " : "ReLU thy ")
          + ManifoldFigure.percent(Self.reluPrediction(panel)),
        "err \(NumberFormatting.fixed(panel.alignedError.mean, decimals: metricLines > 1 ? 3 : 2))",
        "zeroed \(share(panel.zeroedShare))",
      ]
    }
    return Self.pack(tokens, lines: metricLines, width: width)
  }

  /// Fills lines left to right with whole tokens, moving to the next line when one is full.
  public static func pack(_ tokens: [String], lines: Int, width: Int, separator: String = " ") -> [String] {
    var result: [String] = []
    var line = ""
    for token in tokens where token.count <= width {
      if line.isEmpty {
        line = token
      } else if line.count + separator.count + token.count <= width {
        line += separator + token
      } else {
        result.append(line)
        guard result.count < lines else { return result }
        line = token
      }
    }
    if !line.isEmpty && result.count < lines { result.append(line) }
    return result
  }

  /// Theorem 1's prediction for ReLU, shown as "thy" with every activation: it is the
  /// yardstick, and a linear panel's measured 0% is read against it.
  static func reluPrediction(_ panel: ManifoldPanel) -> Double {
    Theorem1.collapsedFraction(embeddingDimension: panel.dimension, manifoldDimension: 2)
  }

  /// A percentage that keeps tiny theoretical values visible (0.05% rather than 0.0%).
  public static func percent(_ fraction: Double) -> String {
    if fraction == 0 { return "0%" }
    if fraction * 100 < 0.05 { return "<0.1%" }
    return NumberFormatting.fixed(fraction * 100, decimals: 1) + "%"
  }
}
