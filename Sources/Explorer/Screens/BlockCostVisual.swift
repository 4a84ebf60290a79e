import MobileNetKit
import Reports
import TermCanvas

/// The paper's bottleneck cost against the exact count, for all 17 blocks.
enum BlockCostVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let blocks = state.network.bottlenecks
    let header = "Block  h×w       d′   t   d″  s     paper est.        exact  est./exact".replacingUnicode(
      theme)
    canvas.write(header, x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
    // When not every block fits, the last row says which are out of view.
    let visible = max(0, blocks.count > area.height - 2 ? area.height - 3 : area.height - 2)
    // Off the bottlenecks (stem, head, classifier) the window stays at the nearer end.
    let selected =
      blocks.firstIndex { $0.index == state.selectedGroup }
      ?? (state.selectedGroup > (blocks.last?.index ?? 0) ? blocks.count - 1 : 0)
    let top = NetworkScreen.scrollTop(selected: selected, count: blocks.count, visible: visible)
    for (offset, block) in blocks.dropFirst(top).prefix(visible).enumerated() {
      let estimate = block.paperEstimate ?? 0
      let ratio = Double(estimate) / Double(max(1, block.multiplyAdds))
      let size = "\(block.input.height)\(theme.times)\(block.input.width)"
      var row = block.name.padding(to: 6) + " " + size.padding(to: 8)
      row += String(block.input.channels).leftPadded(to: 4) + String(block.expansion).leftPadded(to: 4)
      row += String(block.output.channels).leftPadded(to: 5) + String(block.stride).leftPadded(to: 3)
      row +=
        NumberFormatting.grouped(estimate).leftPadded(to: 15)
        + NumberFormatting.grouped(block.multiplyAdds).leftPadded(to: 13)
      row += (NumberFormatting.fixed(ratio, decimals: 2) + theme.times).leftPadded(to: 12)
      let style: CellStyle =
        block.index == state.selectedGroup ? theme.selection : (ratio > 1.0001 ? theme.heading : .plain)
      canvas.write(row, x: area.x, y: area.y + 1 + offset, style: style, maxWidth: area.width)
    }
    if visible < blocks.count {
      var hidden: [String] = []
      if top > 0 { hidden.append("\(blocks[0].name)–\(blocks[top - 1].name) above") }
      if top + visible < blocks.count {
        hidden.append("\(blocks[top + visible].name)–\(blocks[blocks.count - 1].name) below")
      }
      let note = hidden.joined(separator: ", ") + theme.hint(" (j/k scrolls)")
      canvas.write(
        note.replacingUnicode(theme), x: area.x, y: area.y + 1 + visible, style: theme.dim,
        maxWidth: area.width)
    }
    let totalEstimate = blocks.reduce(0) { $0 + ($1.paperEstimate ?? 0) }
    let totalExact = blocks.reduce(0) { $0 + $1.multiplyAdds }
    canvas.write(
      "All \(blocks.count): paper \(NumberFormatting.grouped(totalEstimate)) vs exact \(NumberFormatting.grouped(totalExact))"
        + (theme.formatting ? " (bold: stride 2, t = 1)" : ""),
      x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
  }
}
