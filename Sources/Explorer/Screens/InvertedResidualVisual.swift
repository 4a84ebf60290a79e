import MobileNetKit
import Reports
import TermCanvas

/// The selected block's inverted residual, and what its shortcut keeps in memory.
enum InvertedResidualVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let group = state.network.groups[state.selectedGroup]
    guard group.op == .bottleneck else {
      canvas.write(
        theme.keyHints ? "Select a bottleneck with j/k." : "This row is not a bottleneck.", x: area.x,
        y: area.y, style: theme.dim)
      return
    }
    let shortcut: String
    if group.residualAdd {
      shortcut = "shortcut (stride 1, equal widths)"
    } else if group.stride != 1 {
      shortcut = "no shortcut (stride \(group.stride))"
    } else {
      shortcut = "no shortcut (\(group.input.channels) \(theme.arrow) \(group.output.channels) channels)"
    }
    let heading = theme.fit(
      [
        ("\(group.name) \(theme.dot) t = \(group.expansion) \(theme.dot) \(shortcut)", 9),
        ("\(theme.dot) shapes H\(theme.times)W\(theme.times)C", 3),
      ], width: area.width)
    canvas.write(heading, x: area.x, y: area.y, style: theme.heading)
    let diagramWidth = min(42, area.width)
    BlockScreen.drawDiagram(
      state, group: group, theme: theme,
      area: Rect(x: area.x, y: area.y + 1, width: diagramWidth, height: area.height - 1),
      into: &canvas)
    let right = Rect(
      x: area.x + diagramWidth + 1, y: area.y + 1, width: area.width - diagramWidth - 1,
      height: area.height - 1)
    guard right.width >= 24 else { return }
    var writer = LineWriter(right, theme: theme)
    let expanded = state.network.layers[group.layerRange].first { $0.kind == .expand }?.output ?? group.input
    writer.wrapped("Tensors alive, 16-bit (K = 1000 B)", style: theme.heading, into: &canvas)
    writer.line(
      "bottleneck \(theme.shape(group.input)) \(BlockScreen.kilobytes(group.input.elements * 2))",
      into: &canvas)
    writer.line(
      (group.expansion == 1 ? "inner      " : "expanded   ")
        + "\(theme.shape(expanded)) \(BlockScreen.kilobytes(expanded.elements * 2))", into: &canvas)
    writer.skip()
    let text =
      group.expansion == 1
      ? "With t = 1 there is no expansion: the block's inner tensor is as narrow as its input, and a "
        + "shortcut keeps the same tensor wherever it is placed."
      : "A shortcut between bottlenecks keeps the narrow tensor; between expansions it would keep one "
        + "\(group.expansion)× wider. Computed in slices, the expanded tensor is never stored whole."
    canvas.writeWrapped(
      text.replacingUnicode(theme),
      in: Rect(x: right.x, y: writer.y, width: right.width, height: writer.remaining), style: theme.dim)
  }
}
