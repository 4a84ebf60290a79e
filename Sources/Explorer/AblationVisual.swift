import MobileNetKit
import Reports
import TermCanvas

/// The three shortcut kinds of Figure 6b, with what each must keep for the selected block,
/// and the paper's conclusions (it prints no numbers for Figure 6).
enum AblationVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let group = state.network.groups[state.selectedGroup]
    var writer = LineWriter(area, theme: theme)
    drawFigure6a(state, group: group, theme: theme, writer: &writer, into: &canvas)
    writer.skip()
    writer.wrapped(
      "Figure 6b for \(group.name): what the shortcut must keep alive, 16-bit (K = 1000 B, H×W×C)",
      style: theme.heading, into: &canvas)
    if group.op == .bottleneck {
      let expanded =
        state.network.layers[group.layerRange].first { $0.kind == .expand }?.output ?? group.input
      writer.line(
        "between bottlenecks (MobileNetV2)  \(theme.shape(group.input))  \(BlockScreen.kilobytes(group.input.elements * 2))",
        into: &canvas)
      writer.line(
        "between expansions                 \(theme.shape(expanded))  \(BlockScreen.kilobytes(expanded.elements * 2))",
        into: &canvas)
      writer.line("no residual                        nothing extra", into: &canvas)
      if !group.residualAdd {
        writer.line(
          "(\(BlockScreen.shortcutNote(group)))", style: theme.dim, into: &canvas)
      }
    } else {
      writer.line(
        theme.keyHints ? "Select a bottleneck with j/k." : "This row is not a bottleneck.", style: theme.dim,
        into: &canvas)
    }
    let text =
      "(a) \"linear bottlenecks improve performance\" over ReLU6 in the bottleneck. "
      + "(b) \"the shortcut connecting bottleneck perform better than shortcuts connecting the expanded "
      + "layers\" (sic). The no-residual curve is plotted; the text draws no conclusion from it."
    // The quotation whole or not at all: the step's own text already gives its gist.
    let lines = Canvas.wrap(text.replacingUnicode(theme), width: area.width)
    guard writer.remaining >= lines.count + 2 else { return }
    writer.skip()
    writer.line(
      "Paper's conclusions (§6.4; Figure 6 has curves, no printed numbers):", style: theme.heading,
      into: &canvas)
    for line in lines { writer.line(line, into: &canvas) }
  }

  /// Figure 6a compares accuracy with a linear and a ReLU6 bottleneck; the paper prints no
  /// numbers, so the screen shows the mechanism instead: how much of a k-dimensional
  /// manifold the selected block keeps with each projection (the lab), the bottleneck the
  /// network now has marked.
  static func drawFigure6a(
    _ state: ExplorerState, group: LayerGroup, theme: Theme, writer: inout LineWriter,
    into canvas: inout Canvas
  ) {
    let linearNow = state.config.bottleneckActivation == .linear
    writer.line(
      theme.fit(
        [
          ("Figure 6a for \(group.name):", 3), ("bottleneck \(linearNow ? "linear" : "ReLU6") now", 2),
          (theme.hint("(\(state.lesson == nil ? "b" : "t") toggles)"), 1),
        ],
        width: writer.area.width),
      style: theme.heading, into: &canvas)
    guard group.op == .bottleneck else {
      writer.line(
        theme.keyHints ? "Select a bottleneck with j/k." : "This row is not a bottleneck.", style: theme.dim,
        into: &canvas)
      return
    }
    guard let results = state.labResults else {
      writer.line("Bottleneck lab: computing…", style: theme.dim, into: &canvas)
      return
    }
    let k = results.linear.lab.manifoldDimension
    for (name, result, linear) in [("linear", results.linear, true), ("ReLU6 ", results.relu6, false)] {
      let marker = linear == linearNow ? "\(theme.arrow) " : "  "
      let line =
        "\(marker)\(name) projection: a k = \(k) manifold \(NumberFormatting.percent(result.collapsedFraction.mean)) "
        + "collapsed, R² \(NumberFormatting.fixed(result.recoverability.mean, decimals: 2))"
      writer.line(line, style: linear == linearNow ? theme.activation(linear: linear) : .plain, into: &canvas)
    }
    writer.wrapped(
      "The paper plots accuracy; this is the mechanism it tests, in \(group.name)'s real widths.",
      style: theme.dim, into: &canvas)
  }
}
