/// The per-coordinate non-linearity applied in n dimensions.
public enum ManifoldActivation: String, CaseIterable, Sendable {
  case relu
  /// min(max(0, x), 6), applied to T·x with x at the spiral's scale (`Spiral.radius`).
  case relu6
  case linear

  /// The one definition in the numeric core, shared with the lab, the miniature and the
  /// forward pass. "Active" is where its slope is non-zero: a clipped ReLU6 coordinate is as
  /// lost as a zeroed one (Lemma 2).
  @inlinable
  public var nonlinearity: Nonlinearity {
    switch self {
    case .relu: return .relu
    case .relu6: return .relu6
    case .linear: return .linear
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
