import Kernels
import MobileNetKit

/// A `MobileNetKit.Network` compiled to run: one `ForwardStep` per layer, built from the same
/// layer list every table of mnv2 counts, so no second description of the network exists.
/// BatchNorm is folded into each conv, as inference engines do; the classifier's dropout is
/// the identity at inference.
public struct ForwardPass: Sendable {
  public let network: Network
  public let placement: PaddingPlacement
  public let steps: [ForwardStep]

  public init(network: Network, weights: NetworkWeights, placement: PaddingPlacement) throws(ForwardError) {
    precondition(weights.layers.count == network.layers.count, "weights for another network")
    self.network = network
    self.placement = placement
    var steps: [ForwardStep] = []
    var previousGroup = -1
    for layer in network.layers {
      let operation = try Self.operation(
        for: layer, weights: weights.layers[layer.index], network: network, placement: placement)
      steps.append(
        ForwardStep(
          layer: layer.index, operation: operation, addsShortcut: layer.residualAdd && layer.kind == .project,
          startsGroup: layer.group != previousGroup))
      previousGroup = layer.group
    }
    self.steps = steps
  }

  private static func operation(
    for layer: Layer, weights: LayerWeights?, network: Network, placement: PaddingPlacement
  ) throws(ForwardError) -> ForwardStep.Operation {
    let needed = NetworkWeights.floats(for: layer)
    if layer.kind == .pool { return .pool }
    guard let weights else { throw .weightCount(layer: layer.name, found: 0, needed: needed) }
    let found = weights.weight.count + (weights.bias?.count ?? 0) + 4 * (weights.batchNorm?.channels ?? 0)
    guard found == needed else { throw .weightCount(layer: layer.name, found: found, needed: needed) }
    let inputs = layer.input.channels, outputs = layer.output.channels, k = layer.kernel
    let padding = placement.padding(for: layer, config: network.config)
    let (height, width) = padding.output(
      height: layer.input.height, width: layer.input.width, kernel: k, stride: layer.stride)
    guard height > 0, width > 0 else {
      throw .emptyOutput(layer: layer.name, input: layer.input.formatted(), kernel: k, stride: layer.stride)
    }
    guard height == layer.output.height, width == layer.output.width else {
      throw .shapeMismatch(
        layer: layer.name, computed: TensorShape(height, width, outputs).formatted(),
        counted: layer.output.formatted(), placement: placement.rawValue)
    }
    let nonlinearity: Nonlinearity = layer.activation == .relu6 ? .relu6 : .linear
    if layer.kind == .classifier {
      return .pointwise(
        PointwiseConvolution(
          outputsByInputs: weights.weight, inputs: inputs, outputs: outputs, bias: weights.bias
        )
        .prepared())
    }
    let norm = weights.batchNorm ?? .identity(channels: outputs)
    if layer.groups == inputs && layer.groups == outputs && layer.groups > 1 || layer.kind == .depthwise {
      let conv = DepthwiseConvolution(
        kernel: k, stride: layer.stride, padding: padding, channels: outputs,
        weights: DepthwiseConvolution.hwc(fromCHW: weights.weight, kernel: k, channels: outputs),
        nonlinearity: nonlinearity)
      return .depthwise(conv.folding(norm))
    }
    if k == 1 && layer.stride == 1 {
      let conv = PointwiseConvolution(
        outputsByInputs: weights.weight, inputs: inputs, outputs: outputs, nonlinearity: nonlinearity)
      return .pointwise(conv.folding(norm).prepared())
    }
    let conv = Convolution(
      kernel: k, stride: layer.stride, padding: padding, inputChannels: inputs, outputChannels: outputs,
      weights: Convolution.hwio(fromOIHW: weights.weight, kernel: k, inputs: inputs, outputs: outputs),
      nonlinearity: nonlinearity)
    return .convolution(conv.folding(norm))
  }

  /// The input shape for a batch of `batch` images.
  public func inputShape(batch: Int = 1) -> Tensor.Shape {
    let s = network.layers[0].input
    return Tensor.Shape(batch: batch, height: s.height, width: s.width, channels: s.channels)
  }

  /// What one run gives: the logits, and if a clock was handed in, each step's nanoseconds
  /// and the whole pass's.
  public struct Run: Sendable {
    public var output: Tensor
    public var stepNanoseconds: [UInt64]
    public var totalNanoseconds: UInt64
  }

  /// Runs the network on `input`. `observe` sees every layer's output (index, tensor), for
  /// fixtures and activations; `clock` (monotonic nanoseconds) times each step.
  public func run(
    _ input: Tensor, threads: Int? = nil, clock: (() -> UInt64)? = nil,
    observe: ((Int, Tensor) -> Void)? = nil
  ) -> Run {
    precondition(input.shape.channels == inputShape().channels, "input \(input.shape) for \(inputShape())")
    var x = input, groupInput = input
    var times = [UInt64](repeating: 0, count: clock == nil ? 0 : steps.count)
    let start = clock?() ?? 0
    for (index, step) in steps.enumerated() {
      let before = clock?() ?? 0
      if step.startsGroup { groupInput = x }
      var y = step.forward(x, threads: threads)
      if step.addsShortcut { y = ResidualAdd.forward(y, shortcut: groupInput) }
      if let clock { times[index] = clock() - before }
      observe?(step.layer, y)
      x = y
    }
    let total = (clock?() ?? 0) - start
    return Run(output: x, stepNanoseconds: times, totalNanoseconds: total)
  }
}
