/// The per-coordinate non-linearity applied in n dimensions.
public enum ManifoldActivation: String, CaseIterable, Sendable {
  case relu
  /// min(max(0, x), 6), applied to T·x with x at the spiral's scale (`Spiral.radius`).
  case relu6
  case linear

  @inline(__always)
  public func apply(_ value: Double) -> Double {
    switch self {
    case .relu: return value > 0 ? value : 0
    case .relu6: return value > 0 ? (value < 6 ? value : 6) : 0
    case .linear: return value
    }
  }

  /// Whether the coordinate still carries information about x: the activation's slope is
  /// non-zero there. A clipped ReLU6 coordinate is as lost as a zeroed one (Lemma 2).
  @inline(__always)
  public func isActive(_ value: Double) -> Bool {
    switch self {
    case .relu: return value > 0
    case .relu6: return value > 0 && value < 6
    case .linear: return true
    }
  }
}

extension ManifoldActivation {
  /// The name a student sees, in the paper's typography.
  public var label: String {
    switch self {
    case .relu: return "ReLU"
    case .relu6: return "ReLU6"
    case .linear: return "linear"
    }
  }
}
