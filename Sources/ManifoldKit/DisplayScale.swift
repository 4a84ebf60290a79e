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
  /// Each panel's drawing factor, in panel order: the fitted factor, lowered where the
  /// panel drawn at it would reach beyond the input's square. So the square every panel
  /// shares is the input's alone, and it stays the same when the activation changes (it
  /// moved between ±4.80 and ±4.20 as `t` stepped Figure 1 from ReLU to linear).
  public var displayScales: [Double] {
    let reach = inputReach
    return panels.map { panel in
      let fitted = DisplayScale.factor(inputs: inputs, recovered: panel.recovered)
      var farthest = 0.0
      for point in panel.recovered { farthest = max(farthest, abs(point.x), abs(point.y)) }
      guard farthest > 0, reach > 0 else { return fitted }
      return min(fitted, reach / farthest)
    }
  }

  /// The half-width of the square every panel shares: the input's, with 5% margin.
  public var displayExtent: Double { displayExtent(scales: displayScales) }

  /// The same, for a draw that computed the scales once (they never reach past the input).
  public func displayExtent(scales: [Double]) -> Double {
    inputReach > 0 ? inputReach * 1.05 : 1
  }

  /// The largest |x| or |y| of the input.
  var inputReach: Double {
    var reach = 0.0
    for point in inputs { reach = max(reach, abs(point.x), abs(point.y)) }
    return reach
  }
}
