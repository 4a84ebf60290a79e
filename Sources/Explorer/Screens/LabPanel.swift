import BottleneckLab
import ManifoldKit
import MobileNetKit
import Reports
import TermCanvas

/// The bottleneck lab for the selected block: the manifold pushed through the block's real
/// widths with a linear and with a ReLU6 projection, side by side, with Theorem 1's ReLU
/// prediction beside (it keeps its meaning whichever bottleneck the network has).
enum LabPanel {
  /// Rows needed for the full panel with plots; below this, one summary line.
  static let fullHeight = 13

  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    guard area.height >= 1 else {
      // No row left for even the summary: the layout check hears of it.
      if state.labRequest != nil { canvas.noteDropped("the bottleneck lab") }
      return
    }
    guard let results = state.labResults else {
      if let refusal = state.currentLabRefusal {
        canvas.write(
          theme.fit(refusalLine(refusal, theme: theme), width: area.width).replacingUnicode(theme), x: area.x,
          y: area.y, style: theme.dim)
      } else if state.labComputing {
        canvas.write(
          "Bottleneck lab: computing…".replacingUnicode(theme), x: area.x, y: area.y, style: theme.dim)
      }
      return
    }
    let lab = results.linear.lab
    let k = lab.manifoldDimension
    let shortcut = lab.shortcut && lab.shape.hasShortcut ? " + shortcut" : ""
    let prediction = ManifoldFigure.percent(results.linear.theory)
    guard area.height >= fullHeight else {
      let summary = theme.fit(
        [
          ("Lab k=\(k)\(shortcut): collapsed", 9),
          ("linear \(NumberFormatting.percent(results.linear.collapsedFraction.mean))", 8),
          ("vs ReLU6 \(NumberFormatting.percent(results.relu6.collapsedFraction.mean))", 8),
          ("(ReLU prediction \(prediction): Thm 1, k in \(lab.shape.outputChannels) dims)", 5),
          (
            "\(theme.dot) R² \(NumberFormatting.fixed(results.linear.recoverability.mean, decimals: 2)) vs "
              + NumberFormatting.fixed(results.relu6.recoverability.mean, decimals: 2), 4
          ),
          (theme.hint("\(theme.dot) +/- k, x shortcut"), 2),
          (command(state).map { "\(theme.dot) \($0)" } ?? "", 1),
        ], width: area.width)
      canvas.write(summary.replacingUnicode(theme), x: area.x, y: area.y, style: theme.heading)
      return
    }
    let heading = theme.fit(
      [
        (
          "Bottleneck lab \(theme.dot) \(lab.shape.inputChannels)\(theme.arrow)\(lab.shape.hiddenChannels)"
            + "\(theme.arrow)\(lab.shape.outputChannels) channels", 9
        ),
        ("\(theme.dot) random He-normal weights", 2), ("\(theme.dot) \(ExplorerState.labPoints) points", 3),
        ("\(theme.dot) a k = \(k)-dim manifold\(shortcut)", 8), (theme.hint("(+/-, x)"), 6),
      ], width: area.width)
    canvas.write(heading.replacingUnicode(theme), x: area.x, y: area.y, style: theme.heading)
    let panelWidth = min(44, (area.width - 2) / 2)
    for (index, (name, result)) in [("linear", results.linear), ("ReLU6", results.relu6)].enumerated() {
      let x = area.x + index * (panelWidth + 2)
      // The last row names the command that prints these numbers, where it fits whole.
      let frame = Rect(x: x, y: area.y + 1, width: panelWidth, height: area.height - 4)
      canvas.box(frame, style: theme.box, cellStyle: theme.dim, title: "projection \(name)")
      drawPlot(result, style: state.plotStyle, colored: theme.colored, in: frame, into: &canvas)
      let caption = k == 1 ? " decoded vs true " : (k == 2 ? "" : " first 2 of \(k) coords ")
      if !caption.isEmpty && caption.count + 4 <= frame.width {
        canvas.write(caption, x: frame.x + 2, y: frame.maxY - 1, style: theme.dim)
      }
      let lines = [
        theme.fit(
          [
            ("collapsed \(NumberFormatting.percent(result.collapsedFraction.mean))", 3),
            ("\(theme.dot) ReLU prediction \(prediction)", 2),
          ], width: panelWidth),
        theme.fit(
          [
            ("R² \(NumberFormatting.fixed(result.recoverability.mean, decimals: 3))", 3),
            (
              "\(theme.dot) neighbours "
                + (result.neighbourPreservation.map { NumberFormatting.percent($0.mean) } ?? "–"), 2
            ),
          ], width: panelWidth),
      ]
      for (offset, line) in lines.enumerated() {
        canvas.write(line.replacingUnicode(theme), x: x, y: frame.maxY + offset)
      }
    }
    if let command = command(state) {
      let line = [command + " (--activation relu6: the right)", command].first { $0.count <= area.width }
      if let line { canvas.write(line, x: area.x, y: area.maxY - 1, style: theme.dim) }
    }
  }

  /// The command that prints this lab's numbers, as Figure 1 names its own: the screen runs
  /// 400 points, fewer than `mnv2 lab`'s default 2000, so the README's line gives others.
  /// `--activation relu6` prints the right-hand panel. Nil for an architecture file, which the
  /// command would need by path.
  static func command(_ state: ExplorerState) -> String? {
    guard let request = state.labRequest, state.spec == .mobileNetV2 else { return nil }
    var parts = [
      "= mnv2 lab --width \(formatWidth(state.config.width)) --block \(state.selectedGroup) --k \(request.dimension)",
      "--points \(ExplorerState.labPoints)",
    ]
    if request.shortcut && request.shape.hasShortcut { parts.append("--shortcut") }
    if request.seed != 1 { parts.append("--seed \(request.seed)") }
    if state.convention != .torchvision || state.config.channelRounding != NetworkConfig().channelRounding {
      return nil
    }
    return parts.joined(separator: " ")
  }

  /// What the decoder got back, at every k: the spiral's plane for k ≥ 2 (the first two
  /// coordinates, which hold the spiral), and decoded against true values for k = 1.
  static func drawPlot(
    _ result: LabResult, style: PlotStyle, colored: Bool, in frame: Rect, into canvas: inout Canvas
  ) {
    let decoded = result.decoded
    let pairs: [(Double, Double)]
    if result.lab.manifoldDimension == 1 {
      pairs = zip(result.inputs, decoded).map { ($0[0], $1[0]) }
    } else {
      pairs = decoded.map { ($0[0], $0[1]) }
    }
    let inputs: [(Double, Double)] =
      result.lab.manifoldDimension == 1
      ? result.inputs.map { ($0[0], $0[0]) } : result.inputs.map { ($0[0], $0[1]) }
    var extent = 0.0
    for p in inputs + pairs { extent = max(extent, abs(p.0), abs(p.1)) }
    var raster = ScatterRaster(
      columns: frame.width - 2, rows: frame.height - 2, style: style, extent: extent * 1.05)
    let count = pairs.count
    for (offset, point) in pairs.enumerated() {
      raster.plot(x: point.0, y: point.1, shade: Float(offset) / Float(max(1, count - 1)))
    }
    raster.draw(into: &canvas, x: frame.x + 1, y: frame.y + 1, colored: colored)
  }

  /// "Bottleneck lab: too large to run here: 400 points need about 2.9 GB (limit 2 GB) and
  /// 1.2e11 MAdds · mnv2 lab runs it with fewer --points", by priority, so the figures
  /// survive a narrow screen.
  static func refusalLine(_ refusal: LabRefusal, theme: Theme) -> [(String, Int)] {
    let estimate = refusal.estimate
    let memory = LimitWording.gigabytes(estimate.bytes, up: true)
    let limit = LimitWording.gigabytes(refusal.request.memoryLimit)
    let work = LimitWording.scientific(estimate.operations, up: true)
    return [
      ("Bottleneck lab: too large to run here:", 9),
      ("\(ExplorerState.labPoints) points need about \(memory) (limit \(limit))", 8),
      ("and \(work) MAdds", 3),
      ("\(theme.dot) mnv2 lab runs it with fewer --points", 1),
    ]
  }
}
