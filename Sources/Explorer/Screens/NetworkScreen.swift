import Inference
import MobileNetKit
import Reports
import TermCanvas

/// The start screen: one row per block with shapes, costs and a bar of each block's share
/// of the total MAdds; on a wide terminal, a side panel on the selected block.
enum NetworkScreen {
  /// Width of the table without its bar; the bar takes what is left.
  static let sidePanelMinimumWidth = 38
  static let wideThreshold = 120

  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let network = state.network
    let totalMAdds = network.multiplyAdds
    var y = area.y
    let bottleneck = state.config.bottleneckActivation
    // Totals with their conventions: MAdds count convs and the classifier only; params
    // follow the chosen framework's convention.
    let totals = theme.fit(
      [
        (NumberFormatting.grouped(totalMAdds) + " MAdds", 9), ("(conv+fc only)", 6),
        ("\(theme.dot) " + NumberFormatting.grouped(network.params(state.convention)) + " params", 8),
        ("(\(Framework.label(rounding: state.config.channelRounding, convention: state.convention)))", 7),
        ("\(theme.dot) H\(theme.times)W\(theme.times)C", 5),
      ], width: area.width)
    canvas.write(totals, x: area.x, y: y, style: theme.heading)
    y += 1
    if state.network.spec.name == ArchitectureSpec.mobileNetV1.name {
      canvas.write(
        "ReLU6 as Keras and TF-slim build MobileNetV1; the V1 paper uses ReLU.", x: area.x, y: y,
        style: theme.dim, maxWidth: area.width)
      y += 1
    } else if bottleneck == .relu6 {
      let note = theme.fit(
        [
          ("ReLU6 after each projection:", 3), ("shapes and costs are unchanged", 2),
          ("(Fig. 6a ablation)", 1),
        ],
        width: area.width)
      canvas.write(note, x: area.x, y: y, style: theme.activation(linear: false))
      y += 1
    }
    if state.showTiming {
      canvas.write(
        timingLine(state, theme: theme, width: area.width), x: area.x, y: y, style: theme.timeBar,
        maxWidth: area.width)
      y += 1
    }
    let wide = area.width >= wideThreshold
    let tableWidth = wide ? area.width - sidePanelMinimumWidth - 1 : area.width
    let profile = state.showTiming ? state.measuredProfile : nil
    let columns =
      state.showTiming ? timedLayout(tableWidth: tableWidth) : columnLayout(tableWidth: tableWidth)
    var largestShare = network.groups.map { Double($0.multiplyAdds) / Double(max(1, totalMAdds)) }.max() ?? 0
    if let profile { largestShare = max(largestShare, profile.blocks.map(profile.timeShare).max() ?? 0) }
    drawHeader(columns: columns, theme: theme, x: area.x, y: y, into: &canvas)
    y += 1
    let visible = max(0, area.maxY - y)
    let groups = network.groups
    let top = scrollTop(selected: state.selectedGroup, count: groups.count, visible: visible)
    for (offset, group) in groups[top..<min(groups.count, top + visible)].enumerated() {
      let rowY = y + offset
      canvas.mark(Rect(x: area.x, y: rowY, width: tableWidth, height: 1), as: .group(group.index))
      drawRow(
        group, total: totalMAdds, largestShare: largestShare, state: state, columns: columns, theme: theme,
        x: area.x, y: rowY, into: &canvas)
      if columns.timed {
        drawTiming(
          group, profile: profile, largestShare: largestShare, columns: columns, theme: theme, x: area.x,
          y: rowY,
          into: &canvas)
      }
      if theme.showsSelection && group.index == state.selectedGroup {
        canvas.restyle(Rect(x: area.x, y: rowY, width: tableWidth, height: 1)) { style in
          style.reverse = true
          style.bold = true
        }
      }
    }
    if top > 0 { canvas.write(theme.unicode ? "▲" : "^", x: area.x + tableWidth - 1, y: y, style: theme.dim) }
    if top + visible < groups.count {
      canvas.write(theme.unicode ? "▼" : "v", x: area.x + tableWidth - 1, y: area.maxY - 1, style: theme.dim)
    }
    if wide {
      let panel = Rect(
        x: area.x + tableWidth + 1, y: area.y + 1, width: area.width - tableWidth - 1, height: area.height - 1
      )
      drawSidePanel(state, theme: theme, area: panel, into: &canvas)
    }
  }

  /// Keeps the selection in view, centred when the list must scroll.
  static func scrollTop(selected: Int, count: Int, visible: Int) -> Int {
    guard visible > 0, count > visible else { return 0 }
    return min(max(0, selected - visible / 2), count - visible)
  }

  /// Where each column starts. Columns that do not fit the table's width are left out
  /// whole, from the right: the share bar, then params, then MAdds.
  struct Columns {
    var index = 0, op = 3, shapes = 15, t = 40, s = 42, res = 44, madds = 47, params = 59, bar = 69,
      barWidth = 10
    var showsMAdds = true, showsParams = true, showsBar = true
    /// The measured layout (`T`): the output shape only, no params, and after the MAdds the
    /// median ms and two bars on one scale, share of MAdds and share of time.
    var timed = false, ms = 0, timeBar = 0, timeBarWidth = 0
  }

  static func timedLayout(tableWidth: Int) -> Columns {
    var columns = Columns(
      shapes: 15, t: 27, s: 29, res: 31, madds: 34, params: 0, bar: 54, barWidth: 0, showsParams: false)
    columns.timed = true
    columns.ms = 46
    let bars = max(0, tableWidth - columns.bar - 1)
    columns.barWidth = bars / 2
    columns.timeBar = columns.bar + columns.barWidth + 1
    columns.timeBarWidth = bars - columns.barWidth - 1
    columns.showsBar = columns.timeBarWidth >= minimumBarWidth
    return columns
  }

  /// One line above the table: how far the measurement is, or what it found.
  static func timingLine(_ state: ExplorerState, theme: Theme, width: Int) -> String {
    guard let timing = state.timing, timing.request.network == state.network else {
      return "Measuring on this machine…"
    }
    if let failure = timing.failure { return "Cannot time this network: \(failure)" }
    guard let profile = timing.profile else {
      return "Measuring on this machine: run \(timing.runsDone + 1) of \(NetworkTiming.runs)…"
    }
    let threads = timing.request.threads
    let (madds, time) = profile.depthwiseShares
    return theme.fit(
      [
        ("Measured here,", 9), ("\(threads) thread\(threads == 1 ? "" : "s"),", 3),
        ("median of \(NetworkTiming.runs):", 4),
        ("pass \(ProfileReport.ms(profile.total.median, decimals: 1)) ms", 8),
        ("\(theme.dot) depthwise \(NumberFormatting.percent(madds)) of MAdds,", 7),
        ("\(NumberFormatting.percent(time)) of time", 7),
      ], width: width)
  }

  static func drawTiming(
    _ group: LayerGroup, profile: NetworkProfile?, largestShare: Double, columns: Columns, theme: Theme,
    x: Int,
    y: Int, into canvas: inout Canvas
  ) {
    guard let profile, profile.blocks.indices.contains(group.index) else {
      canvas.write(theme.unicode ? "…" : "...", x: x + columns.ms + 4, y: y, style: theme.dim)
      return
    }
    let row = profile.blocks[group.index]
    let text = ProfileReport.ms(row.samples.median, decimals: 2)
    canvas.write(text, x: x + columns.ms + max(0, 7 - text.count), y: y)
    guard columns.showsBar else { return }
    drawBar(
      fraction: profile.timeShare(row), scale: largestShare, width: columns.timeBarWidth, theme: theme,
      x: x + columns.timeBar, y: y, style: theme.timeBar, into: &canvas)
  }

  /// The share column needs room for its label ("10.0%") and a bar worth reading.
  static let minimumBarWidth = 10

  static func columnLayout(tableWidth: Int) -> Columns {
    var columns = Columns()
    columns.barWidth = tableWidth - columns.bar - 1
    columns.showsBar = columns.barWidth >= minimumBarWidth
    columns.showsParams = tableWidth >= columns.params + 9
    columns.showsMAdds = tableWidth >= columns.madds + 11
    return columns
  }

  static func drawHeader(columns: Columns, theme: Theme, x: Int, y: Int, into canvas: inout Canvas) {
    let style = theme.heading
    canvas.write(" #", x: x + columns.index, y: y, style: style)
    canvas.write("Operator", x: x + columns.op, y: y, style: style)
    canvas.write(
      columns.timed ? "Output" : "Input \(theme.arrow) Output", x: x + columns.shapes, y: y, style: style)
    canvas.write("t", x: x + columns.t, y: y, style: style)
    canvas.write("s", x: x + columns.s, y: y, style: style)
    canvas.write("+x", x: x + columns.res, y: y, style: style)
    if columns.showsMAdds { canvas.write("     MAdds", x: x + columns.madds, y: y, style: style) }
    if columns.showsParams { canvas.write("   Params", x: x + columns.params, y: y, style: style) }
    if columns.timed {
      canvas.write("     ms", x: x + columns.ms, y: y, style: style)
      if columns.showsBar {
        canvas.write("MAdds share", x: x + columns.bar, y: y, style: style, maxWidth: columns.barWidth)
        canvas.write("time share", x: x + columns.timeBar, y: y, style: style, maxWidth: columns.timeBarWidth)
      }
    } else if columns.showsBar {
      let label = columns.barWidth >= 21 ? "share (largest = full)" : "share"
      canvas.write(label, x: x + columns.bar, y: y, style: style)
    }
  }

  static func drawRow(
    _ group: LayerGroup, total: Int, largestShare: Double, state: ExplorerState, columns: Columns,
    theme: Theme, x: Int, y: Int, into canvas: inout Canvas
  ) {
    func right(_ text: String, _ column: Int, width: Int) {
      canvas.write(text, x: x + column + max(0, width - text.count), y: y)
    }
    right(String(group.index), columns.index, width: 2)
    canvas.write(group.operatorLabel(unicode: theme.unicode), x: x + columns.op, y: y)
    canvas.write(
      columns.timed
        ? theme.shape(group.output)
        : "\(theme.shape(group.input)) \(theme.arrow) \(theme.shape(group.output))",
      x: x + columns.shapes, y: y, maxWidth: columns.t - columns.shapes - 1)
    canvas.write(group.op == .bottleneck ? String(group.expansion) : "-", x: x + columns.t, y: y)
    canvas.write(String(group.stride), x: x + columns.s, y: y)
    if group.residualAdd { canvas.write("+x", x: x + columns.res, y: y, style: theme.residual) }
    if columns.showsMAdds { right(NumberFormatting.grouped(group.multiplyAdds), columns.madds, width: 11) }
    if columns.showsParams {
      right(NumberFormatting.grouped(group.params.count(state.convention)), columns.params, width: 9)
    }
    guard columns.showsBar else { return }
    let fraction = total == 0 ? 0 : Double(group.multiplyAdds) / Double(total)
    drawBar(
      fraction: fraction, scale: largestShare, width: columns.barWidth, theme: theme, x: x + columns.bar,
      y: y,
      into: &canvas)
  }

  /// A horizontal bar where the full width is `scale` of the total (the largest block's
  /// share, so every bar is in proportion at every width and resolution), with the
  /// percentage after it.
  static func drawBar(
    fraction: Double, scale: Double, width: Int, theme: Theme, x: Int, y: Int, style: CellStyle? = nil,
    into canvas: inout Canvas
  ) {
    let barStyle = style ?? theme.bar
    // Every row keeps room for the widest label ("100.0%"), so all bars share one scale.
    let label = NumberFormatting.percent(fraction)
    let barWidth = max(0, width - 7)
    let eighths = scale > 0 ? Int((min(1, fraction / scale) * Double(barWidth) * 8).rounded()) : 0
    let full = eighths / 8
    for column in 0..<full { canvas.put(theme.barFull, x: x + column, y: y, style: barStyle) }
    let partial = eighths % 8
    if partial > 0, !theme.barEighths.isEmpty {
      canvas.put(theme.barEighths[partial - 1], x: x + full, y: y, style: barStyle)
    }
    canvas.write(label, x: x + width - label.count, y: y)
  }

  static func drawSidePanel(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let network = state.network
    let group = network.groups[state.selectedGroup]
    canvas.box(
      area, style: theme.box, cellStyle: theme.dim,
      title: "\(group.name) \(theme.dot) \(group.operatorLabel(unicode: theme.unicode))")
    let inner = area.inset(by: 1)
    var y = inner.y
    // A line too long for the panel wraps at a word; what is below the panel is left out.
    func line(_ text: String, style: CellStyle = .plain) {
      for part in Canvas.wrap(text, width: inner.width - 2) where y < inner.maxY {
        canvas.write(part, x: inner.x + 1, y: y, style: style)
        y += 1
      }
    }
    line("\(theme.shape(group.input)) \(theme.arrow) \(theme.shape(group.output))", style: theme.heading)
    if group.op == .bottleneck {
      line(
        "t = \(group.expansion), stride \(group.stride), \(group.residualAdd ? "residual add" : "no shortcut")"
      )
    } else {
      line("stride \(group.stride)")
    }
    line("MAdds   \(NumberFormatting.grouped(group.multiplyAdds))")
    line("params  \(NumberFormatting.grouped(group.params.count(state.convention)))")
    let total = network.multiplyAdds
    line("share   \(NumberFormatting.percent(Double(group.multiplyAdds) / Double(max(1, total)))) of MAdds")
    y += 1
    let upTo = network.groups[0...state.selectedGroup]
    let cumulativeMAdds = upTo.reduce(0) { $0 + $1.multiplyAdds }
    let cumulativeParams = upTo.reduce(0) { $0 + $1.params.count(state.convention) }
    line("Cumulative, stem to \(group.name):", style: theme.heading)
    line(
      "MAdds   \(NumberFormatting.grouped(cumulativeMAdds)) (\(NumberFormatting.percent(Double(cumulativeMAdds) / Double(max(1, total)))))"
    )
    line(
      "params  \(NumberFormatting.grouped(cumulativeParams)) (\(NumberFormatting.percent(Double(cumulativeParams) / Double(max(1, network.params(state.convention))))))"
    )
    y += 1
    if let estimate = group.paperEstimate {
      line("Paper estimate h·w·d′·t(d′+k²+d″):".replacingUnicode(theme), style: theme.heading)
      line("\(NumberFormatting.grouped(estimate)) (exact \(NumberFormatting.grouped(group.multiplyAdds)))")
      y += 1
    }
    if theme.keyHints { line("Enter: open the block", style: theme.dim) }
  }
}

extension String {
  /// The paper's notation in ASCII where Unicode is off.
  func replacingUnicode(_ theme: Theme) -> String {
    theme.unicode ? self : TextStyle(unicode: false).apply(self)
  }
}
