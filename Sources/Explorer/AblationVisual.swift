import MobileNetKit
import Reports
import TermCanvas

/// The three shortcut kinds of Figure 6b, with what each must keep for the selected block,
/// and the paper's conclusions (it prints no numbers for Figure 6).
enum AblationVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let group = state.network.groups[state.selectedGroup]
    var writer = LineWriter(area, theme: theme)
    writer.line(
      "Figure 6b for \(group.name): what the shortcut must keep alive, 16-bit", style: theme.heading,
      into: &canvas)
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
          "(this block has no shortcut: \(BlockScreen.shortcutNote(group)))", style: theme.dim, into: &canvas)
      }
    } else {
      writer.line("Select a bottleneck with j/k.", style: theme.dim, into: &canvas)
    }
    writer.skip()
    writer.line(
      "Paper's conclusions (§6.4; Figure 6 has curves, no printed numbers):", style: theme.heading,
      into: &canvas)
    let text =
      "(a) \"linear bottlenecks improve performance\" over ReLU6 in the bottleneck. "
      + "(b) \"the shortcut connecting bottleneck perform better than shortcuts connecting the expanded "
      + "layers\" (sic). The no-residual curve is plotted; the text draws no conclusion from it."
    canvas.writeWrapped(text, in: Rect(x: area.x, y: writer.y, width: area.width, height: writer.remaining))
  }
}
