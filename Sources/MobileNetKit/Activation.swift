/// The non-linearity after a layer.
public enum Activation: String, CaseIterable, Sendable, Codable {
  case relu6
  case linear

  /// The label a student sees, matching the paper's typography ("ReLU6", "linear").
  public var label: String {
    switch self {
    case .relu6: return "ReLU6"
    case .linear: return "linear"
    }
  }
}
