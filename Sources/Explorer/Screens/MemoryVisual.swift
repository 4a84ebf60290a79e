import MobileNetKit
import Reports
import TermCanvas

/// Table 3 recomputed beside the paper's printed cells, with the slips flagged.
enum MemoryVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let config = NetworkConfig(
      width: state.config.width, resolution: state.config.resolution,
      channelRounding: state.config.channelRounding)
    let v1 = MaterializedMemory(network: .mobileNetV1(config))
    let network = Network.mobileNetV2(config)
    let v2 = MaterializedMemory(network: network)
    let v2Trick = MaterializedMemory(network: network, firstLayerTrick: true)
    let eq2 = OperatorMemory(network: network)
    let paperApplies = config.width == 1 && config.resolution == 224
    var writer = LineWriter(area, theme: theme)
    writer.wrapped(
      "Table 3 three ways (16-bit, K = 1000 B): V2's largest tensor, with the first-layer trick (+1st), "
        + "and Eq. (2), inputs + outputs of one operator", style: theme.heading, into: &canvas)
    // The V1 columns go first when the table is wider than the area (a side-by-side lesson).
    let showV1 = area.width >= 76
    writer.line(
      ("Size    " + (showV1 ? "  V1 ours   V1 paper" : "") + "  V2 tensor       +1st  Eq.(2)   V2 v4  V2 CVPR")
        .replacingUnicode(theme),
      style: theme.heading, into: &canvas)
    let v4 = PaperTable3.rows(.arxivV4), cvpr = PaperTable3.rows(.cvpr)
    for entry in v2.entries {
      let size = entry.size
      let printed4 = paperApplies ? v4.first { $0.size == size } : nil
      let printedC = paperApplies ? cvpr.first { $0.size == size } : nil
      var row = "\(size)\(theme.times)\(size)".padding(to: 8)
      if showV1 {
        row += MemoryReport.cell(v1.entry(size: size)).leftPadded(to: 10)
        row += (printed4?.mobileNetV1 ?? "-").leftPadded(to: 11)
      }
      row += MemoryReport.cell(entry).leftPadded(to: 11)
      row += MemoryReport.cell(v2Trick.entry(size: size)).leftPadded(to: 11)
      row += MemoryReport.cell(eq2.entry(size: size)).leftPadded(to: 8)
      row += (printed4?.mobileNetV2 ?? "-").leftPadded(to: 8)
      row += (printedC?.mobileNetV2 ?? "-").leftPadded(to: 9)
      let flagged = showV1 && PaperTable3.erratum(model: "MobileNetV1", size: size) != nil
      writer.line(row + (flagged ? " !" : ""), style: flagged ? theme.heading : .plain, into: &canvas)
    }
    if paperApplies {
      writer.wrapped(
        (showV1 ? "! V1 7×7: paper prints 199; 1024·7²·2 B = 100,352 B, so ≈100K. " : "")
          + "With the trick, 112×112 is b1's 16/401.4: v4's 16/400 exactly; CVPR streams the whole "
          + "112×112 stage (1/O(1)).",
        style: theme.dim, into: &canvas)
      writer.wrapped(
        "The other V2 cells are channels·size²·2 for widths we could not derive from Table 2 "
          + "(32 at 56×56 is b4's output, written at 28×28).", style: theme.dim, into: &canvas)
    } else {
      writer.line(
        "The paper's cells apply to width 1.0 at 224 only" + theme.hint(" (w/W, r/R to return)") + ".",
        style: theme.dim, into: &canvas)
    }
  }
}
