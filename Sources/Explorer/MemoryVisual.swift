import MobileNetKit
import Reports
import TermCanvas

/// Table 3 recomputed beside the paper's printed cells, with the slips flagged.
enum MemoryVisual {
  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let config = NetworkConfig(width: state.config.width, resolution: state.config.resolution)
    let v1 = MaterializedMemory(network: .mobileNetV1(config))
    let v2 = MaterializedMemory(network: .mobileNetV2(config))
    let paperApplies = config.width == 1 && config.resolution == 224
    var writer = LineWriter(area, theme: theme)
    writer.line(
      "Largest tensor per size, channels/KB (16-bit, K = 1000 B)", style: theme.heading, into: &canvas)
    writer.line(
      "Size      V1 ours    V1 paper   V2 ours    V2 arXiv  V2 CVPR".replacingUnicode(theme),
      style: theme.heading,
      into: &canvas)
    let v4 = PaperTable3.rows(.arxivV4), cvpr = PaperTable3.rows(.cvpr)
    for entry in v2.entries {
      let size = entry.size
      let printed4 = paperApplies ? v4.first { $0.size == size } : nil
      let printedC = paperApplies ? cvpr.first { $0.size == size } : nil
      var row = "\(size)\(theme.times)\(size)".padding(to: 9)
      row += MemoryReport.cell(v1.entry(size: size)).leftPadded(to: 10)
      row += (printed4?.mobileNetV1 ?? "-").leftPadded(to: 11)
      row += MemoryReport.cell(entry).leftPadded(to: 11)
      row += (printed4?.mobileNetV2 ?? "-").leftPadded(to: 10)
      row += (printedC?.mobileNetV2 ?? "-").leftPadded(to: 9)
      let flagged = PaperTable3.erratum(model: "MobileNetV1", size: size) != nil
      writer.line(row + (flagged ? "  !" : ""), style: flagged ? theme.heading : .plain, into: &canvas)
    }
    writer.skip()
    if paperApplies {
      writer.line(
        "! V1 7×7: paper prints 199; 1024·7²·2 B = 100,352 B, so ≈100K.", style: theme.dim, into: &canvas)
      writer.line(
        "arXiv prints 16/400 at 112×112; CVPR 1/O(1) (first-layer trick).", style: theme.dim, into: &canvas)
      // Why "24/150.5" stands beside the paper's "32/200": one explanation for the column.
      let why =
        "V2 ours is the widest tensor alive between blocks when each bottleneck streams its wide one "
        + "(24 channels at 56×56; at 7×7 the last 1×1 conv's 1280); the paper's V2 cells use other "
        + "widths, e.g. 32 at 56×56, the width of the next stage."
      for line in Canvas.wrap(why.replacingUnicode(theme), width: area.width) where writer.remaining > 0 {
        writer.line(line, style: theme.dim, into: &canvas)
      }
    } else {
      writer.line(
        "The paper's cells apply to width 1.0 at 224 only" + theme.hint(" (w/W, r/R to return)") + ".",
        style: theme.dim,
        into: &canvas)
    }
  }
}
