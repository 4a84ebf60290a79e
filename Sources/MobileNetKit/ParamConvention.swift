/// Which tensors count as "parameters".
///
/// Counters disagree because frameworks store BatchNorm differently; naming the convention
/// is the only way a number can be checked against another tool.
public enum ParamConvention: String, CaseIterable, Sendable {
  /// `sum(p.numel() for p in model.parameters())`: conv weights, classifier weight and bias,
  /// BatchNorm γ and β. Running mean and variance are buffers, not parameters.
  case torchvision
  /// Keras `model.count_params()`: as torchvision plus BatchNorm moving mean and variance
  /// (Keras lists them as non-trainable parameters).
  case keras
  /// TF-slim's published checkpoint table: conv and classifier weights and biases with no
  /// BatchNorm, used with 1001 classes (background + 1000).
  case tfSlim = "tf-slim"

  /// The class count that this convention's published figures assume.
  public var defaultClasses: Int { self == .tfSlim ? 1001 : 1000 }

  /// A one-line statement of what is counted, printed beside every params total.
  public var explanation: String {
    switch self {
    case .torchvision:
      return "torchvision convention: weights + biases + BatchNorm γ/β; BN running mean/var not counted"
    case .keras:
      return "keras convention: weights + biases + BatchNorm γ/β + BN moving mean/var"
    case .tfSlim:
      return "tf-slim convention: weights + biases, BatchNorm not counted"
    }
  }
}
