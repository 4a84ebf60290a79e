/// A layer's parameters split by kind, so each framework's convention is a sum of parts.
public struct ParamBreakdown: Equatable, Sendable {
  public var weights: Int
  public var biases: Int
  /// BatchNorm scale γ and shift β.
  public var batchNormAffine: Int
  /// BatchNorm running mean and variance: buffers in PyTorch, non-trainable weights in Keras.
  public var batchNormRunning: Int

  public init(weights: Int = 0, biases: Int = 0, batchNormAffine: Int = 0, batchNormRunning: Int = 0) {
    self.weights = weights
    self.biases = biases
    self.batchNormAffine = batchNormAffine
    self.batchNormRunning = batchNormRunning
  }

  public func count(_ convention: ParamConvention) -> Int {
    switch convention {
    case .torchvision: return weights + biases + batchNormAffine
    case .keras: return weights + biases + batchNormAffine + batchNormRunning
    case .tfSlim: return weights + biases
    }
  }

  public static func + (lhs: ParamBreakdown, rhs: ParamBreakdown) -> ParamBreakdown {
    ParamBreakdown(
      weights: lhs.weights + rhs.weights, biases: lhs.biases + rhs.biases,
      batchNormAffine: lhs.batchNormAffine + rhs.batchNormAffine,
      batchNormRunning: lhs.batchNormRunning + rhs.batchNormRunning)
  }

  public static let zero = ParamBreakdown()
}
