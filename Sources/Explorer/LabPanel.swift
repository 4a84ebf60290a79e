import BottleneckLab
import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// The bottleneck lab for the selected block: the manifold pushed through the block's real
/// widths with a linear and with a ReLU6 projection, side by side, with Theorem 1 beside.
enum LabPanel {
  /// Rows needed for the full panel with plots; below this, one summary line.
  static let fullHeight = 14

  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    guard area.height >= 1 else { return }
    guard let results = state.labResults else {
      if state.labComputing {
        canvas.write(
          "Bottleneck lab: computing…".replacingUnicode(theme), x: area.x, y: area.y, style: theme.dim)
      }
      return
    }
    let lab = results.linear.lab
    let k = lab.manifoldDimension
    let shortcut = lab.shortcut && lab.shape.hasShortcut ? " + shortcut" : ""
    let summary =
      "Lab k=\(k)\(shortcut): collapsed linear \(NumberFormatting.percent(results.linear.collapsedFraction.mean)) "
      + "vs ReLU6 \(NumberFormatting.percent(results.relu6.collapsedFraction.mean)) "
      + "(Theorem 1 \(ManifoldFigure.percent(results.linear.theory))) \(theme.dot) R² "
      + "\(NumberFormatting.fixed(results.linear.recoverability.mean, decimals: 2)) vs "
      + "\(NumberFormatting.fixed(results.relu6.recoverability.mean, decimals: 2)) \(theme.dot) +/- k, x shortcut"
    guard area.height >= fullHeight, k == 2 || area.height >= 6 else {
      canvas.write(
        summary.replacingUnicode(theme), x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
      return
    }
    canvas.write(
      "Bottleneck lab \(theme.dot) \(lab.shape.inputChannels)\(theme.arrow)\(lab.shape.hiddenChannels)\(theme.arrow)"
        + "\(lab.shape.outputChannels) channels, random He-normal weights, \(ExplorerState.labPoints) points, "
        + "k = \(k)\(shortcut) (+/-, x)", x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    let panelWidth = min(44, (area.width - 2) / 2)
    for (index, (name, result)) in [("linear", results.linear), ("ReLU6", results.relu6)].enumerated() {
      let x = area.x + index * (panelWidth + 2)
      let frame = Rect(x: x, y: area.y + 1, width: panelWidth, height: area.height - 4)
      canvas.box(frame, style: theme.box, cellStyle: theme.dim, title: "projection \(name)")
      if k == 2 {
        let decoded = result.decoded
        var extent = 0.0
        for p in result.inputs + decoded { extent = max(extent, abs(p[0]), abs(p[1])) }
        var raster = ScatterRaster(
          columns: frame.width - 2, rows: frame.height - 2, style: state.plotStyle, extent: extent * 1.05)
        let count = decoded.count
        for (offset, point) in decoded.enumerated() {
          raster.plot(x: point[0], y: point[1], shade: Float(offset) / Float(max(1, count - 1)))
        }
        raster.draw(into: &canvas, x: frame.x + 1, y: frame.y + 1, colored: theme.colored)
      } else {
        canvas.write("(plots for k = 2)", x: frame.x + 2, y: frame.y + 1, style: theme.dim)
      }
      let lines = [
        "collapsed \(NumberFormatting.percent(result.collapsedFraction.mean)) \(theme.dot) Theorem 1 "
          + ManifoldFigure.percent(result.theory),
        "R² \(NumberFormatting.fixed(result.recoverability.mean, decimals: 3)) \(theme.dot) neighbours "
          + (result.neighbourPreservation.map { NumberFormatting.percent($0.mean) } ?? "–"),
      ]
      for (offset, line) in lines.enumerated() {
        canvas.write(line.replacingUnicode(theme), x: x, y: frame.maxY + offset, maxWidth: panelWidth)
      }
    }
  }
}
