import Kernels
import MobileNetKit

/// Weights for a network nobody trained, drawn from a seed, so the forward pass always runs
/// and always gives the same numbers:
/// - convs: He-normal with fan-in, N(0, 2 / (inputs per group·k²)) (He et al. 2015, PyTorch's
///   `kaiming_normal_` default mode). torchvision itself uses fan-out, whose fan-out ignores
///   groups: a depthwise conv then draws with σ² = 2 / (channels·k²), and with BatchNorm at
///   the identity the signal shrinks block by block until it is subnormal, which would time
///   the CPU's slow path rather than the network. Fan-in keeps the activations' scale;
/// - the classifier: N(0, 0.01²), bias 0;
/// - BatchNorm at PyTorch's initial state (γ = 1, β = 0, μ = 0, σ² = 1, ε = 1e-5).
///
/// Layer i draws from its own stream, `PolarNormalGenerator(seed: SplitMix64.derivedSeed(seed,
/// stream: i))`, its weights in PyTorch's order (OIHW, or [out][in]), each deviate
/// multiplied by the standard deviation in Double and then rounded to Float. The fixture
/// script (scripts/make_forward_fixture.py) re-implements exactly this.
public enum SeededWeights {
  /// BatchNorm's state: PyTorch's initial one, or (for tests of the folding) statistics that
  /// are not the identity, drawn after the weights from the same stream, four deviates per
  /// channel z₁…z₄: γ = 1 + z₁/5, β = z₂/5, μ = z₃/5, σ² = 1/2 + z₄².
  public enum BatchNormState: Sendable { case identity, perturbed }

  /// BatchNorm's ε in each framework's MobileNets: PyTorch's default 1e-5; Keras and TF-slim
  /// use 1e-3.
  public static func batchNormEpsilon(_ framework: Framework) -> Float {
    framework == .torchvision ? 1e-5 : 1e-3
  }

  public static func make(
    for network: Network, seed: UInt64, batchNorm: BatchNormState = .identity, epsilon: Float = 1e-5
  ) -> NetworkWeights {
    NetworkWeights(
      layers: network.layers.map { layer in
        var normal = PolarNormalGenerator(seed: SplitMix64.derivedSeed(seed, stream: UInt64(layer.index)))
        switch layer.kind {
        case .pool: return nil
        case .classifier:
          let weight = (0..<layer.input.channels * layer.output.channels).map { _ in
            Float(normal.next() * 0.01)
          }
          return LayerWeights(weight: weight, bias: [Float](repeating: 0, count: layer.output.channels))
        default:
          let outputs = layer.output.channels, k = layer.kernel
          let count = k * k * (layer.input.channels / layer.groups) * outputs
          let deviation = (2.0 / Double(layer.input.channels / layer.groups * k * k)).squareRoot()
          let weight = (0..<count).map { _ in Float(normal.next() * deviation) }
          let norm: BatchNorm
          switch batchNorm {
          case .identity: norm = .identity(channels: outputs, epsilon: epsilon)
          case .perturbed:
            var scale: [Float] = [], shift: [Float] = [], mean: [Float] = [], variance: [Float] = []
            for _ in 0..<outputs {
              scale.append(Float(1 + normal.next() / 5))
              shift.append(Float(normal.next() / 5))
              mean.append(Float(normal.next() / 5))
              let z = normal.next()
              variance.append(Float(0.5 + z * z))
            }
            norm = BatchNorm(
              scale: scale, shift: shift, runningMean: mean, runningVariance: variance, epsilon: epsilon)
          }
          return LayerWeights(weight: weight, batchNorm: norm)
        }
      })
  }

  /// A seeded input image batch: N(0, 1) entries in NHWC order, from the stream numbered
  /// 2⁶⁴ − 1 (no layer's), so changing the network never changes the picture it is shown.
  public static func input(_ shape: Tensor.Shape, seed: UInt64) -> Tensor {
    var normal = PolarNormalGenerator(seed: SplitMix64.derivedSeed(seed, stream: UInt64.max))
    return Tensor(shape: shape, values: (0..<shape.count).map { _ in Float(normal.next()) })
  }
}
