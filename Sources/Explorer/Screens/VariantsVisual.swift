import MobileNetKit
import Reports
import TermCanvas

/// MAdds against params for every width × resolution, with the paper's Table 4 figures.
enum VariantsVisual {
  static let markers: [Character] = ["a", "b", "c", "d", "e", "f"]

  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let grid = VariantsGrid.mobileNetV2(
      base: NetworkConfig(
        bottleneckActivation: state.config.bottleneckActivation, channelRounding: state.config.channelRounding
      ),
      convention: state.convention)
    let maxMAdds = Double(grid.cells.map(\.multiplyAdds).max() ?? 1)
    let maxParams = Double(grid.cells.map(\.params).max() ?? 1)
    let legend = zip(markers, grid.widths).map { "\($0)=\(formatWidth($1))" }.joined(separator: " ")
    canvas.write(
      "params ↑ vs MAdds → \(theme.dot) width: \(legend)".replacingUnicode(theme), x: area.x, y: area.y,
      style: theme.heading, maxWidth: area.width)
    // Below the plot: its axis, the current point, and Table 4 with the exact counts (5 lines).
    let plotHeight = max(4, area.height - 1 - textRows(width: area.width, theme: theme))
    let plot = Rect(x: area.x + 6, y: area.y + 1, width: min(area.width - 7, 72), height: plotHeight)
    for row in 0..<plot.height {
      canvas.put(theme.unicode ? "│" : "|", x: plot.x - 1, y: plot.y + row, style: theme.dim)
    }
    canvas.write(
      NumberFormatting.millions(Int(maxParams), decimals: 1), x: area.x, y: plot.y, style: theme.dim)
    canvas.write("0", x: area.x + 4, y: plot.maxY - 1, style: theme.dim)
    for cell in grid.cells {
      let x = plot.x + Int(Double(cell.multiplyAdds) / maxMAdds * Double(plot.width - 1))
      let y = plot.maxY - 1 - Int(Double(cell.params) / maxParams * Double(plot.height - 1))
      let widthIndex = grid.widths.firstIndex(of: cell.width) ?? 0
      let current = cell.width == state.config.width && cell.resolution == state.config.resolution
      canvas.put(
        Unicode.Scalar(String(markers[widthIndex]))!, x: x, y: y,
        style: current
          ? theme.selection
          : CellStyle(foreground: theme.colored ? TerminalColor.gradient(at: Double(widthIndex) / 5) : nil))
    }
    canvas.write(
      "MAdds: 0 … \(NumberFormatting.scaled(Int(maxMAdds), decimals: 0)); points left to right are 96 … 224 px"
        .replacingUnicode(theme), x: plot.x, y: plot.maxY, style: theme.dim, maxWidth: area.maxX - plot.x)
    var writer = LineWriter(
      Rect(x: area.x, y: plot.maxY + 1, width: area.width, height: area.maxY - plot.maxY - 1), theme: theme)
    let current = state.network
    writer.line(
      "now \(formatWidth(state.config.width))/\(state.config.resolution): \(NumberFormatting.grouped(current.multiplyAdds)) MAdds, "
        + "\(NumberFormatting.grouped(current.params(state.convention))) params (\(state.convention.rawValue))",
      style: theme.heading, into: &canvas)
    writer.line("Table 4: MobileNetV2 72.0% top-1, 300M MAdds, 3.4M params, 75 ms;", into: &canvas)
    writer.wrapped(exactLines[0], style: theme.dim, into: &canvas)
    writer.line("         MobileNetV2 (1.4) 74.7%, 585M, 6.9M, 143 ms (Pixel 1 CPU).", into: &canvas)
    writer.wrapped(exactLines[1], style: theme.dim, into: &canvas)
  }

  static let exactLines = [
    exactLine(width: 1.0, verdict: "Table 4 rounds down"),
    exactLine(width: 1.4, verdict: "none gives 585M, 6.9M"),
  ]

  /// Rows the text under the plot needs at this width: the axis, the current point, Table 4's
  /// two lines and the exact counts beside them (wrapped where the area is narrow).
  static func textRows(width: Int, theme: Theme) -> Int {
    4 + exactLines.map { Canvas.wrap($0.replacingUnicode(theme), width: width).count }.reduce(0, +)
  }

  /// Beside each figure Table 4 prints, what the architecture gives exactly, in two
  /// frameworks' conventions, and in a few words why they differ.
  static func exactLine(width: Double, verdict: String) -> String {
    let torch = Network.mobileNetV2(NetworkConfig(width: width))
    let slim = Network.mobileNetV2(
      NetworkConfig(width: width, classes: ParamConvention.tfSlim.defaultClasses))
    return "  exact \(formatWidth(width)): \(NumberFormatting.millions(torch.multiplyAdds)) MAdds, "
      + "\(NumberFormatting.millions(torch.params(.torchvision), decimals: 2)) params "
      + "(tf-slim \(NumberFormatting.millions(slim.params(.tfSlim), decimals: 2))) · \(verdict)"
  }
}
