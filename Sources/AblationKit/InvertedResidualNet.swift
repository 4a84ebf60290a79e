import Kernels
import ManifoldKit

/// The miniature network as a fixed list of operations over numbered slots, each slot a
/// channel-major activation (channels × batch). Forward runs the list in order, backward in
/// reverse, accumulating into each slot's gradient, so a slot read twice (a block's input,
/// which the shortcut also reads) gets both contributions. One order, so one set of bits.
///
/// Parameters live in one flat array, each tensor at an offset, so Adam is one loop.
public struct InvertedResidualNet: Equatable, Sendable {
  public let spec: MiniNetSpec
  let operations: [Operation]
  let slotChannels: [Int]
  /// Every tensor, in the order the PyTorch fixture names them.
  public let tensors: [ParameterTensor]
  public var parameters: [Float]
  /// BatchNorm's running means and variances, which training updates but does not learn.
  public var running: [Float]

  public static let batchNormMomentum: Float = 0.1
  public static let batchNormEpsilon: Float = 1e-5

  enum Operation: Equatable, Sendable {
    /// `bias` is nil before a BatchNorm, whose β makes a bias redundant (MobileNetV2's convs
    /// have none either), and whose mean subtraction would leave it no gradient at all.
    case dense(input: Int, output: Int, weights: Int, bias: Int?, inputs: Int, outputs: Int)
    case batchNorm(input: Int, output: Int, gamma: Int, beta: Int, running: Int, channels: Int)
    case scale(input: Int, output: Int, factor: Int, shift: Int, channels: Int)
    case relu6(input: Int, output: Int)
    case add(Int, Int, output: Int)
  }

  /// Builds the network with PyTorch's default initialisation, drawn from `seed`: dense
  /// weights and the classifier's bias U(−1/√fan_in, 1/√fan_in); BatchNorm and the depthwise scale start as
  /// the identity (γ = 1, β = 0; factor 1, shift 0).
  public init(spec: MiniNetSpec, seed: UInt64) {
    var builder = Builder()
    let logits = builder.build(spec)
    precondition(logits == builder.slotChannels.count - 1)
    self.spec = spec
    operations = builder.operations
    slotChannels = builder.slotChannels
    tensors = builder.tensors
    running = builder.running
    var generator = SplitMix64(seed: seed)
    parameters = [Float](repeating: 0, count: builder.parameterCount)
    for tensor in tensors {
      switch tensor.role {
      case .denseWeight(let fanIn), .denseBias(let fanIn):
        let bound = 1 / Double(fanIn).squareRoot()
        for i in 0..<tensor.count {
          parameters[tensor.offset + i] = Float((2 * generator.nextUnitInterval() - 1) * bound)
        }
      case .gamma, .factor: for i in 0..<tensor.count { parameters[tensor.offset + i] = 1 }
      case .beta, .shift: break
      }
    }
  }

  public var parameterCount: Int { parameters.count }

  /// The bytes a copy of the net holds: its parameters and BatchNorm's running statistics.
  public var bytes: Int { (parameters.count + running.count) * MemoryLayout<Float>.stride }
}

/// One named tensor of the flat parameter array.
public struct ParameterTensor: Equatable, Sendable {
  public enum Role: Equatable, Sendable {
    case denseWeight(fanIn: Int)
    case denseBias(fanIn: Int)
    case gamma
    case beta
    case factor
    case shift
  }

  /// e.g. "block3.expand.weight".
  public var name: String
  public var offset: Int
  public var count: Int
  public var role: Role
}

extension InvertedResidualNet {
  /// Lays the operations out block by block (docs/ablation.md has the diagram).
  struct Builder {
    var operations: [Operation] = []
    var slotChannels: [Int] = [2]
    var tensors: [ParameterTensor] = []
    var parameterCount = 0
    var running: [Float] = []

    mutating func tensor(_ name: String, _ count: Int, _ role: ParameterTensor.Role) -> Int {
      tensors.append(ParameterTensor(name: name, offset: parameterCount, count: count, role: role))
      parameterCount += count
      return parameterCount - count
    }

    mutating func slot(_ channels: Int) -> Int {
      slotChannels.append(channels)
      return slotChannels.count - 1
    }

    mutating func dense(_ input: Int, _ outputs: Int, _ name: String, bias hasBias: Bool) -> Int {
      let inputs = slotChannels[input]
      let weights = tensor("\(name).weight", outputs * inputs, .denseWeight(fanIn: inputs))
      let bias = hasBias ? tensor("\(name).bias", outputs, .denseBias(fanIn: inputs)) : nil
      let output = slot(outputs)
      operations.append(
        .dense(input: input, output: output, weights: weights, bias: bias, inputs: inputs, outputs: outputs))
      return output
    }

    mutating func batchNorm(_ input: Int, _ name: String) -> Int {
      let channels = slotChannels[input]
      let gamma = tensor("\(name).weight", channels, .gamma)
      let beta = tensor("\(name).bias", channels, .beta)
      let runningOffset = running.count
      running += [Float](repeating: 0, count: channels) + [Float](repeating: 1, count: channels)
      let output = slot(channels)
      operations.append(
        .batchNorm(
          input: input, output: output, gamma: gamma, beta: beta, running: runningOffset, channels: channels))
      return output
    }

    mutating func relu6(_ input: Int) -> Int {
      let output = slot(slotChannels[input])
      operations.append(.relu6(input: input, output: output))
      return output
    }

    mutating func scale(_ input: Int, _ name: String) -> Int {
      let channels = slotChannels[input]
      let factor = tensor("\(name).factor", channels, .factor)
      let shift = tensor("\(name).shift", channels, .shift)
      let output = slot(channels)
      operations.append(
        .scale(input: input, output: output, factor: factor, shift: shift, channels: channels))
      return output
    }

    mutating func add(_ a: Int, _ b: Int) -> Int {
      let output = slot(slotChannels[a])
      operations.append(.add(a, b, output: output))
      return output
    }

    /// dense → BN, then ReLU6 or not.
    mutating func unit(_ input: Int, _ outputs: Int, _ name: String, relu6 clips: Bool) -> Int {
      let normalised = batchNorm(dense(input, outputs, name, bias: false), "\(name).bn")
      return clips ? relu6(normalised) : normalised
    }

    /// The stem, the blocks and the classifier; returns the logits' slot.
    mutating func build(_ spec: MiniNetSpec) -> Int {
      let clipsProjection = spec.projection == .relu6
      var stream = unit(0, spec.width, "stem", relu6: false)
      switch spec.shortcut {
      case .bottlenecks, .none:
        for block in 0..<spec.blocks {
          let name = "block\(block)"
          let expanded = unit(stream, spec.hidden, "\(name).expand", relu6: true)
          let depthwise = relu6(scale(expanded, "\(name).depthwise"))
          let projected = unit(depthwise, spec.width, "\(name).project", relu6: clipsProjection)
          stream = spec.hasShortcut(block: block) ? add(projected, stream) : projected
        }
      case .expansions:
        stream = unit(stream, spec.hidden, "enter", relu6: true)
        for block in 0..<spec.blocks {
          let name = "block\(block)"
          let projected = unit(stream, spec.width, "\(name).project", relu6: clipsProjection)
          let expanded = unit(projected, spec.hidden, "\(name).expand", relu6: true)
          let depthwise = relu6(scale(expanded, "\(name).depthwise"))
          stream = spec.hasShortcut(block: block) ? add(depthwise, stream) : depthwise
        }
        stream = unit(stream, spec.width, "leave", relu6: false)
      }
      return dense(stream, 2, "classifier", bias: true)
    }
  }
}
