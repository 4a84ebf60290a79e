import Kernels

/// One layer's parameters in PyTorch's layouts, so a file of trained weights (issue "real
/// weights") loads into it name by name with no reordering: a conv's weight is OIHW
/// ([out][in / groups][ky][kx]) with its BatchNorm, the classifier's [out][in] with a bias.
public struct LayerWeights: Equatable, Sendable {
  public var weight: [Float]
  public var bias: [Float]?
  public var batchNorm: BatchNorm?

  public init(weight: [Float], bias: [Float]? = nil, batchNorm: BatchNorm? = nil) {
    self.weight = weight
    self.bias = bias
    self.batchNorm = batchNorm
  }
}
