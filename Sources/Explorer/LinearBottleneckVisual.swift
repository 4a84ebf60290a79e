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
    writer.line(
      "Bottleneck \(linear ? "linear" : "ReLU6") (b) \(theme.dot) spiral in n dims, one random T per n (s: another)",
      style: theme.activation(linear: linear), into: &canvas)
    writer.skip()
    let barWidth = max(6, min(24, (area.width - 16) / 2 - 8))
    let header = " n  " + "measured collapse".padding(to: barWidth + 8) + "Theorem 1 (ReLU)"
    writer.line(header, style: theme.heading, into: &canvas)
    for panel in manifold.panels {
      guard writer.remaining > 0 else { break }
      let y = writer.y
      canvas.write(String(panel.dimension).leftPadded(to: 2), x: area.x, y: y)
      bar(panel.collapsedFraction.mean, width: barWidth, x: area.x + 4, y: y, theme: theme, into: &canvas)
      bar(panel.theory, width: barWidth, x: area.x + 4 + barWidth + 8, y: y, theme: theme, into: &canvas)
      writer.skip()
    }
    writer.skip()
    writer.line(
      "Theorem 1: a share (1 + n)/2ⁿ of a 2-D manifold collapses under ReLU in n dims.", style: theme.dim,
      into: &canvas)
    if linear {
      writer.line(
        "Linear: every point is recovered exactly, so the measured share is 0.", style: theme.dim,
        into: &canvas)
    } else {
      writer.line(
        "ReLU6 also clips at 6, so it can lose more than ReLU's prediction.", style: theme.dim, into: &canvas)
    }
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
