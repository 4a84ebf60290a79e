import Inference
import MobileNetKit
import Reports
import TermCanvas

/// "MAdds are not latency": each kind of layer's share of the multiply-adds beside its
/// share of the time, measured on the machine running the lesson. The time bars appear
/// at the reveal, so the class predicts before it sees them.
enum LatencyVisual {
  /// The layer kinds the class compares, and which layers each holds.
  static let kinds: [(label: String, holds: @Sendable (Layer) -> Bool)] = [
    ("depthwise 3×3", { $0.kind == .depthwise }),
    ("1×1 convs", { $0.kernel == 1 && [.expand, .project, .pointwise, .conv].contains($0.kind) }),
    ("full 3×3 conv (stem)", { $0.kind == .conv && $0.kernel > 1 }),
    ("pool + classifier", { $0.kind == .pool || $0.kind == .classifier }),
  ]

  static func draw(_ state: ExplorerState, theme: Theme, area: Rect, into canvas: inout Canvas) {
    let network = state.network
    var writer = LineWriter(area, theme: theme)
    writer.wrapped(
      "Where the time goes: \(network.spec.name) \(formatWidth(state.config.width)) @ \(state.config.resolution), "
        + "batch 1, float32, measured on this machine", style: theme.heading, into: &canvas)
    let revealed = state.lesson.map { $0.revealed.contains($0.index) } ?? true
    let profile = state.measuredProfile
    let total = max(1, network.multiplyAdds)
    let shares = kinds.map { kind -> (String, Double, Double?) in
      let madds = Double(network.layers.filter(kind.holds).reduce(0) { $0 + $1.multiplyAdds }) / Double(total)
      let time = profile.map { profile in
        let rows = zip(network.layers, profile.layers).filter { kind.holds($0.0) }.map(\.1)
        return Double(rows.reduce(UInt64(0)) { $0 + $1.samples.median })
          / Double(max(1, profile.sumOfLayerMedians))
      }
      return (kind.label, madds, time)
    }
    let scale = shares.map { max($0.1, $0.2 ?? 0) }.max() ?? 1
    let labelWidth = 21
    let barWidth = max(10, (area.width - labelWidth - 2) / 2)
    writer.skip()
    writer.line(
      "".padding(to: labelWidth) + "MAdds share".padding(to: barWidth + 1) + "time share",
      style: theme.heading,
      into: &canvas)
    for (label, madds, time) in shares where writer.remaining > 0 {
      let y = writer.y
      canvas.write(label.replacingUnicode(theme), x: area.x, y: y, maxWidth: labelWidth - 1)
      NetworkScreen.drawBar(
        fraction: madds, scale: scale, width: barWidth, theme: theme, x: area.x + labelWidth, y: y,
        into: &canvas)
      if revealed, let time {
        NetworkScreen.drawBar(
          fraction: time, scale: scale, width: barWidth, theme: theme, x: area.x + labelWidth + barWidth + 1,
          y: y,
          style: theme.timeBar, into: &canvas)
      } else {
        canvas.write(
          revealed ? "measuring…".replacingUnicode(theme) : "?", x: area.x + labelWidth + barWidth + 1, y: y,
          style: theme.dim)
      }
      writer.skip()
    }
    writer.skip()
    if !revealed {
      writer.wrapped("The time bars appear with the answer (v).", style: theme.dim, into: &canvas)
    } else if let profile {
      writer.wrapped(
        "Measured here: a whole pass took \(ProfileReport.ms(profile.total.median, decimals: 1)) ms (median of "
          + "\(NetworkTiming.runs), \(profile.request.threads) thread\(profile.request.threads == 1 ? "" : "s")). "
          + "For scale, the paper's Table 4: 75 ms on one large core of a Pixel 1 (TF-Lite).",
        into: &canvas)
    } else {
      writer.wrapped(
        NetworkScreen.timingLine(state, theme: theme, width: area.width), style: theme.dim, into: &canvas)
    }
  }
}
