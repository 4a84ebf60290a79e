import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// Measured collapse of Figure 1's spiral beside Theorem 1's prediction, for each n.
enum LinearBottleneckVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    var writer = LineWriter(area, theme: theme)
    guard let manifold = state.currentManifold else {
      writer.line("Figure 1: computing…".replacingUnicode(theme), style: theme.dim, into: &canvas)
      return
    }
    let activation = manifold.experiment.activation
    let linear = activation == .linear
    let key = state.lesson == nil ? "b" : "t"
    writer.line(
      theme.fit(
        [
          ("Bottleneck \(linear ? "linear" : "ReLU6")" + theme.hint(" (\(key))"), 5),
          ("\(theme.dot) spiral in n dims", 3),
          ("\(theme.dot) a random T per n", 2), (theme.hint("(s: another)"), 1),
        ], width: area.width), style: theme.activation(linear: linear), into: &canvas)
    writer.skip()
    let barWidth = max(6, min(24, (area.width - 16) / 2 - 8))
    let header = " n  " + "measured collapse".padding(to: barWidth + 8) + "ReLU prediction (Thm 1)"
    writer.line(header, style: theme.heading, into: &canvas)
    for panel in manifold.panels {
      guard writer.remaining > 0 else { break }
      let y = writer.y
      canvas.write(String(panel.dimension).leftPadded(to: 2), x: area.x, y: y)
      bar(panel.collapsedFraction.mean, width: barWidth, x: area.x + 4, y: y, theme: theme, into: &canvas)
      // Theorem 1 is about ReLU: its prediction is shown whatever the bottleneck is now.
      let prediction = Theorem1.collapsedFraction(embeddingDimension: panel.dimension, manifoldDimension: 2)
      bar(prediction, width: barWidth, x: area.x + 4 + barWidth + 8, y: y, theme: theme, into: &canvas)
      writer.skip()
    }
    writer.skip()
    writer.wrapped(
      "Thm 1: (1 + n)/2ⁿ is the mean over random T; measured is one T" + theme.hint(" (s: another)") + ".",
      style: theme.dim,
      into: &canvas)
    writer.wrapped(
      linear
        ? "Linear: every point is recovered, so the measured share is 0."
        : "ReLU6 also clips at 6, so it can lose more than ReLU.", style: theme.dim, into: &canvas)
    // The second visual: the same question asked of the selected real block (the lab).
    writer.skip()
    LabPanel.draw(
      state, theme: theme, area: Rect(x: area.x, y: writer.y, width: area.width, height: writer.remaining),
      into: &canvas)
  }

  static func bar(_ fraction: Double, width: Int, x: Int, y: Int, theme: Theme, into canvas: inout Canvas) {
    let cells = Int((min(1, max(0, fraction)) * Double(width)).rounded())
    for column in 0..<cells { canvas.put(theme.barFull, x: x + column, y: y, style: theme.bar) }
    canvas.write(ManifoldFigure.percent(fraction), x: x + width + 1, y: y)
  }
}

extension String {
  func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
