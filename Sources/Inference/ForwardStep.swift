import Kernels

/// One layer of a compiled network: the operation that computes it, with BatchNorm already
/// folded in, and whether the block's input is added back after it.
public struct ForwardStep: Equatable, Sendable {
  public enum Operation: Equatable, Sendable {
    case convolution(Convolution)
    case depthwise(DepthwiseConvolution)
    case pointwise(PointwiseConvolution)
    case pool
  }

  /// Index into `Network.layers`.
  public let layer: Int
  public let operation: Operation
  /// True on a block's projection when the block's input is added back ("+x").
  public let addsShortcut: Bool
  /// True on the first layer of a block (or stem, or classifier): its input is the block's.
  public let startsGroup: Bool

  public func forward(_ x: Tensor, threads: Int?) -> Tensor {
    switch operation {
    case .convolution(let conv): return conv.forward(x, threads: threads)
    case .depthwise(let conv): return conv.forward(x, threads: threads)
    case .pointwise(let conv): return conv.forward(x, threads: threads)
    case .pool: return GlobalAveragePool.forward(x)
    }
  }

  /// Floats of parameters the step reads: weights and bias.
  public var parameterCount: Int {
    switch operation {
    case .convolution(let conv): return conv.weights.count + conv.bias.count
    case .depthwise(let conv): return conv.weights.count + conv.bias.count
    case .pointwise(let conv): return conv.weights.values.count + conv.bias.count
    case .pool: return 0
    }
  }
}
