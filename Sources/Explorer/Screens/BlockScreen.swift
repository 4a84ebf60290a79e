import Inference
import MobileNetKit
import Reports
import TermCanvas

/// One block opened up: its layers, a diagram of the inverted residual, the paper's cost
/// formula against the exact count, comparisons, and the memory argument.
enum BlockScreen {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let network = state.network
    let group = network.groups[state.selectedGroup]
    var y = area.y
    let linear = state.config.bottleneckActivation == .linear
    var title = "\(group.name) \(theme.dot) \(group.operatorLabel(unicode: theme.unicode))"
    if group.op == .bottleneck {
      title += " \(theme.dot) t = \(group.expansion) \(theme.dot) stride \(group.stride)"
    }
    title += " \(theme.dot) \(theme.shape(group.input)) \(theme.arrow) \(theme.shape(group.output))"
    let heading = theme.fit([(title, 9), ("(H\(theme.times)W\(theme.times)C)", 3)], width: area.width)
    canvas.write(heading, x: area.x, y: y, style: theme.heading, maxWidth: area.width)
    y += 1
    if group.op == .bottleneck {
      canvas.write(
        shortcutNote(group), x: area.x, y: y, style: group.residualAdd ? theme.residual : theme.dim,
        maxWidth: area.width)
      y += 1
    }
    let leftOut: [String]
    (y, leftOut) = drawLayerTable(
      state, group: group, theme: theme, x: area.x, y: y, width: area.width, into: &canvas)
    // What the table's units are, or which columns a wider screen shows; with a ReLU6
    // bottleneck, first that nothing it counts changed.
    let framework = Framework.label(rounding: state.config.channelRounding, convention: state.convention)
    let units =
      state.showTiming
      ? NetworkScreen.timingLine(state, theme: theme, width: area.width)
      : theme.fit(
        [
          leftOut.isEmpty
            ? ("Act mem: output in 16-bit floats, K = 1000 bytes", 9)
            : ("\(leftOut.joined(separator: " and ")) need a wider screen (mnv2 layers lists them)", 9),
          ("\(theme.dot) \(framework)", 5),
        ],
        width: area.width)
    let picked = state.selectedLayer.map { state.network.layers[group.layerRange.lowerBound + $0] }
    if let picked {
      let line = theme.fit(
        LayerCostLine.tokens(picked) + [("\(theme.dot) Act mem 16-bit, K = 1000 B", 2)], width: area.width)
      canvas.write(line, x: area.x, y: y, style: theme.heading, maxWidth: area.width)
    } else if !linear && group.op == .bottleneck {
      let note = theme.fit(
        [
          ("ReLU6 projection (Fig. 6a): shapes and costs unchanged", 9),
          ("\(theme.dot) Act mem: 16-bit, K = 1000 B", 5),
        ],
        width: area.width)
      canvas.write(note, x: area.x, y: y, style: theme.activation(linear: false))
    } else {
      canvas.write(units, x: area.x, y: y, style: theme.dim, maxWidth: area.width)
    }
    y += 1
    guard group.op == .bottleneck else {
      canvas.write(
        "Only bottlenecks have an inner structure" + theme.hint("; j/k moves to the next block") + ".",
        x: area.x, y: y + 1,
        style: theme.dim,
        maxWidth: area.width)
      return
    }
    let diagramWidth = min(44, area.width / 2 + 2)
    // The diagram and costs need about 16 rows; a taller screen also gets the lab, and
    // every screen keeps two rows for at least its one-line summary, so +, - and x show.
    let sectionHeight = min(area.maxY - y - 2, 16)
    let diagram = Rect(x: area.x, y: y, width: diagramWidth, height: sectionHeight)
    drawDiagram(state, group: group, theme: theme, area: diagram, into: &canvas)
    let right = Rect(
      x: area.x + diagramWidth + 1, y: y, width: area.width - diagramWidth - 1, height: sectionHeight)
    drawCosts(state, group: group, theme: theme, area: right, into: &canvas)
    let labArea = Rect(
      x: area.x, y: y + sectionHeight + 1, width: area.width, height: area.maxY - y - sectionHeight - 1)
    LabPanel.draw(state, theme: theme, area: labArea, into: &canvas)
  }

  static func shortcutNote(_ group: LayerGroup) -> String {
    if group.residualAdd {
      return "Shortcut: input added to the projection's output (stride 1, equal widths)."
    }
    if group.stride != 1 { return "No shortcut: stride \(group.stride) changes the spatial size." }
    return "No shortcut: the width changes from \(group.input.channels) to \(group.output.channels) channels."
  }

  static func drawLayerTable(
    _ state: ExplorerState, group: LayerGroup, theme: Theme, x: Int, y startY: Int, width: Int,
    into canvas: inout Canvas
  ) -> (y: Int, leftOut: [String]) {
    var y = startY
    // With the measured column (`T`) on, params and memory give way to what was measured.
    let timed = state.showTiming
    let profile = timed ? state.measuredProfile : nil
    let headers =
      ["Layer", "Input \(theme.arrow) Output", "k", "s", "Act", "MAdds"]
      + (timed ? ["ms", "GMAC/s", "bound"] : ["Params", "Act mem"])
    var rows: [[(String, CellStyle)]] = [headers.map { ($0, theme.heading) }]
    let layers = state.network.layers[group.layerRange]
    for layer in layers {
      let isProjection = layer.kind == .project
      var row: [(String, CellStyle)] = [
        (layer.kind.rawValue, .plain),
        ("\(theme.shape(layer.input)) \(theme.arrow) \(theme.shape(layer.output))", .plain),
        (String(layer.kernel), .plain), (String(layer.stride), .plain),
        (
          layer.activation.label,
          isProjection ? theme.activation(linear: layer.activation == .linear) : .plain
        ),
        (NumberFormatting.grouped(layer.multiplyAdds), .plain),
      ]
      if !timed {
        row.append((NumberFormatting.grouped(layer.params.count(state.convention)), .plain))
        row.append((NumberFormatting.fixed(Double(layer.outputBytes()) / 1000, decimals: 1) + "K", .plain))
      } else if let profile, profile.layers.indices.contains(layer.index) {
        let measured = profile.layers[layer.index]
        row.append((ProfileReport.ms(measured.samples.median, decimals: 2), .plain))
        row.append((NumberFormatting.fixed(measured.achieved / 1e9, decimals: 1), .plain))
        row.append((measured.isMemoryBound(profile.calibration) ? "memory" : "compute", .plain))
      } else {
        row.append((theme.unicode ? "…" : "...", theme.dim))
      }
      rows.append(row)
    }
    let columns = TableColumns.layout(
      defaults: timed ? TableColumns.timedLayers : TableColumns.layers, rows: rows.map { $0.map(\.0) },
      width: width)
    for (index, row) in rows.enumerated() {
      let offset = index - 1
      if offset >= 0 { canvas.mark(Rect(x: x, y: y, width: width, height: 1), as: .layer(offset)) }
      for (column, (text, style)) in zip(columns, row) {
        let start = column.rightAligned ? column.start + column.width - text.count : column.start
        canvas.write(text, x: x + start, y: y, style: style, maxWidth: max(0, width - start))
      }
      if offset >= 0 && state.selectedLayer == offset && theme.showsSelection {
        canvas.restyle(Rect(x: x, y: y, width: width, height: 1)) { style in
          style.reverse = true
          style.bold = true
        }
      }
      y += 1
    }
    return (y, Array(headers.dropFirst(columns.count)))
  }

  /// The inverted residual drawn top to bottom; the shortcut line exists only where the
  /// block really adds its input.
  static func drawDiagram(
    _ state: ExplorerState, group: LayerGroup, theme: Theme, area: Rect, into canvas: inout Canvas
  ) {
    let layers = Array(state.network.layers[group.layerRange])
    var y = area.y
    let boxWidth = 24
    let lineX = area.x + boxWidth + 3
    let vertical: Unicode.Scalar = theme.unicode ? "│" : "|"
    func write(_ text: String, style: CellStyle = .plain) {
      guard y < area.maxY else { return canvas.noteDropped(text) }
      canvas.write(text, x: area.x, y: y, style: style, maxWidth: area.width)
      if group.residualAdd && y > area.y { canvas.put(vertical, x: lineX, y: y, style: theme.residual) }
      y += 1
    }
    write("input  \(theme.shape(group.input))", style: theme.heading)
    if group.residualAdd {
      let dash = theme.unicode ? "─" : "-"
      let corner = theme.unicode ? "┐" : "+"
      let start = area.x + 7 + theme.shape(group.input).count + 1
      for x in start..<lineX { canvas.write(dash, x: x, y: area.y, style: theme.residual) }
      canvas.write(corner, x: lineX, y: area.y, style: theme.residual)
    }
    for layer in layers {
      write("  \(theme.down)")
      let name: String
      switch layer.kind {
      case .expand: name = "expand 1\(theme.times)1"
      case .depthwise: name = "dwise 3\(theme.times)3 s\(layer.stride)"
      case .project: name = "project 1\(theme.times)1"
      default: name = layer.kind.rawValue
      }
      let label = "[ \(name) \(theme.dot) "
      guard y < area.maxY else {
        canvas.noteDropped(label)
        break
      }
      canvas.write(label, x: area.x, y: y, maxWidth: area.width)
      let activationStyle =
        layer.kind == .project ? theme.activation(linear: layer.activation == .linear) : CellStyle.plain
      canvas.write(layer.activation.label, x: area.x + label.count, y: y, style: activationStyle)
      canvas.write(" ]", x: area.x + label.count + layer.activation.label.count, y: y)
      if group.residualAdd { canvas.put(vertical, x: lineX, y: y, style: theme.residual) }
      canvas.write(
        theme.shape(layer.output), x: lineX + 2, y: y, style: theme.dim, maxWidth: area.maxX - lineX - 2)
      y += 1
    }
    write("  \(theme.down)")
    guard y < area.maxY else { return }
    if group.residualAdd {
      let dash = theme.unicode ? "─" : "-"
      let corner = theme.unicode ? "┘" : "+"
      canvas.write("  \(theme.plus) add", x: area.x, y: y, style: theme.residual)
      for x in (area.x + 9)..<lineX { canvas.write(dash, x: x, y: y, style: theme.residual) }
      canvas.write(corner, x: lineX, y: y, style: theme.residual)
      y += 1
    }
    guard y < area.maxY else { return }
    canvas.write(
      "output \(theme.shape(group.output))", x: area.x, y: y, style: theme.heading, maxWidth: area.width)
  }

  static func drawCosts(
    _ state: ExplorerState, group: LayerGroup, theme: Theme, area: Rect, into canvas: inout Canvas
  ) {
    var y = area.y
    func line(_ text: String, style: CellStyle = .plain) {
      guard y < area.maxY else { return canvas.noteDropped(text) }
      canvas.write(text.replacingUnicode(theme), x: area.x, y: y, style: style, maxWidth: area.width)
      y += 1
    }
    /// A label on the left and a number right-aligned to the column.
    func pair(_ label: String, _ value: Int, style: CellStyle = .plain) {
      let number = NumberFormatting.grouped(value)
      let width = min(area.width, 36)
      line(label.padding(to: max(0, width - number.count - 1)) + " " + number, style: style)
    }
    let h = group.input.height, w = group.input.width, d1 = group.input.channels, d2 = group.output.channels
    let t = group.expansion, k = group.kernel
    let ho = group.output.height, wo = group.output.width
    line("Cost in MAdds", style: theme.heading)
    line("paper h·w·d′·t(d′+k²+d″)")
    line(" = \(h)·\(w)·\(d1)·\(t)·(\(d1)+\(k * k)+\(d2))")
    pair(" =", group.paperEstimate ?? 0)
    pair("exact, stride-aware", group.multiplyAdds, style: theme.heading)
    if t == 1 {
      line(" (t = 1: no expansion conv built)", style: theme.dim)
    } else if group.stride > 1 {
      line(" (dwise, project at \(ho)\(theme.times)\(wo))", style: theme.dim)
    }
    pair("standard \(k)\(theme.times)\(k) conv \(d1)\(theme.arrow)\(d2)", ho * wo * d1 * d2 * k * k)
    pair("V1 dw-separable \(d1)\(theme.arrow)\(d2)", ho * wo * d1 * k * k + ho * wo * d1 * d2)
    line("Memory, 16-bit", style: theme.heading)
    let expanded = state.network.layers[group.layerRange].first { $0.kind == .expand }?.output ?? group.input
    // With t = 1 nothing is expanded: the depthwise runs on the input itself.
    let innerLabel = group.expansion == 1 ? "inner (t = 1)" : "expanded"
    func memory(_ label: String, _ shape: TensorShape) {
      let value = kilobytes(shape.elements * 2)
      let width = min(area.width, 36)
      line("\(label) \(theme.shape(shape))".padding(to: max(0, width - value.count - 1)) + " " + value)
    }
    memory("in", group.input)
    memory("out", group.output)
    memory(innerLabel, expanded)
    // The memory argument whole or not at all (lesson step 4 makes it at length).
    let note =
      "Shortcuts join the narrow tensors; the wide one is streamed in slices, never stored whole (§5.1)."
    let noteRect = Rect(x: area.x, y: y, width: min(area.width, 40), height: area.maxY - y)
    if Canvas.wrap(note.replacingUnicode(theme), width: noteRect.width).count <= noteRect.height {
      canvas.writeWrapped(note.replacingUnicode(theme), in: noteRect, style: theme.dim)
    }
  }

  static func kilobytes(_ bytes: Int) -> String {
    NumberFormatting.fixed(Double(bytes) / 1000, decimals: 1) + "K"
  }
}
