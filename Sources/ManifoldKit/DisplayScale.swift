/// How much larger a recovered panel is drawn than it came back, so that every panel is
/// compared with the input at the input's size.
///
/// Through ReLU, T⁺ returns the spiral at about half its size: with D the diagonal 0/1 mask
/// of active coordinates, E[TᵀDT] = (n/2)·I while TᵀT ≈ n·I, so T⁺DT ≈ ½·I. Drawn as it comes
/// back, a healthy n = 30 panel looks as if something broke. The factor is the least-squares
/// scalar s minimising Σ‖xᵢ − s·x̂ᵢ‖², stated on the panel, and the metrics never use it.
public enum DisplayScale {
  /// Drawn factors stay in this range, so a panel that collapsed to a point is not blown up.
  public static let range = 1.0...4.0

  /// s = Σ xᵢ·x̂ᵢ / Σ x̂ᵢ·x̂ᵢ, clamped to `range`; 1 when the recovered points are all zero.
  public static func factor(inputs: [Point2], recovered: [Point2]) -> Double {
    var dot = 0.0, norm = 0.0
    for (x, r) in zip(inputs, recovered) {
      dot += x.x * r.x + x.y * r.y
      norm += r.x * r.x + r.y * r.y
    }
    guard norm > 0, dot.isFinite, norm.isFinite else { return 1 }
    return min(max(dot / norm, range.lowerBound), range.upperBound)
  }
}

extension ManifoldResult {
  /// Each panel's drawing factor, in panel order.
  public var displayScales: [Double] {
    panels.map { DisplayScale.factor(inputs: inputs, recovered: $0.recovered) }
  }

  /// The half-width of a square centred on the origin that holds the input and every
  /// panel as drawn (scaled by `displayScales`), so all panels share one scale.
  public var displayExtent: Double { displayExtent(scales: displayScales) }

  /// The same for scales already computed (a draw computes them once).
  public func displayExtent(scales: [Double]) -> Double {
    var extent = 0.0
    for point in inputs { extent = max(extent, abs(point.x), abs(point.y)) }
    for (panel, scale) in zip(panels, scales) {
      for point in panel.recovered { extent = max(extent, abs(point.x * scale), abs(point.y * scale)) }
    }
    return extent > 0 ? extent * 1.05 : 1
  }
}
