import Kernels
import ManifoldKit

extension InvertedResidualNet {
  /// The buffers of one forward and backward pass over a batch, allocated once and reused
  /// every step: each slot's activations and gradient (channel-major: element (c, n) at
  /// c·batch + n), BatchNorm's x̂ and 1/√(σ² + ε), and the parameters' gradient.
  public struct Pass: Sendable {
    public let batch: Int
    let slotOffsets: [Int]
    let normalisedOffsets: [Int]
    let deviationOffsets: [Int]
    var activations: [Float]
    var slotGradients: [Float]
    var normalised: [Float]
    var inverseDeviation: [Float]
    public internal(set) var parameterGradient: [Float]

    public init(for net: InvertedResidualNet, batch: Int) {
      self.batch = batch
      var offsets: [Int] = []
      var total = 0
      for channels in net.slotChannels {
        offsets.append(total)
        total += channels * batch
      }
      slotOffsets = offsets
      var normalised: [Int] = [], deviations: [Int] = []
      var normalisedTotal = 0, deviationTotal = 0
      for operation in net.operations {
        normalised.append(normalisedTotal)
        deviations.append(deviationTotal)
        if case .batchNorm(_, _, _, _, _, let channels) = operation {
          normalisedTotal += channels * batch
          deviationTotal += channels
        }
      }
      normalisedOffsets = normalised
      deviationOffsets = deviations
      activations = [Float](repeating: 0, count: total)
      slotGradients = [Float](repeating: 0, count: total)
      self.normalised = [Float](repeating: 0, count: normalisedTotal)
      inverseDeviation = [Float](repeating: 0, count: deviationTotal)
      parameterGradient = [Float](repeating: 0, count: net.parameters.count)
    }

    /// The bytes a pass over `batch` points allocates for `net`: the same sums the
    /// initialiser makes, so a work estimate built on it is an upper bound by construction.
    public static func bytes(for net: InvertedResidualNet, batch: Int) -> Int {
      let slots = net.slotChannels.reduce(0, +) * batch
      var normalised = 0, deviations = 0
      for operation in net.operations {
        if case .batchNorm(_, _, _, _, _, let channels) = operation {
          normalised += channels * batch
          deviations += channels
        }
      }
      let floats = 2 * slots + normalised + deviations + net.parameters.count
      return floats * MemoryLayout<Float>.stride
    }

    /// The two logits of point n.
    public func logits(_ n: Int) -> (Float, Float) {
      let last = slotOffsets[slotOffsets.count - 1]
      return (activations[last + n], activations[last + batch + n])
    }
  }

  /// A training pass: BatchNorm normalises by the batch's own mean and (biased) variance and
  /// moves its running statistics toward them (momentum 0.1, unbiased variance, as PyTorch).
  public mutating func trainingPass(x: [Float], y: [Float]) -> Pass {
    var pass = Pass(for: self, batch: x.count)
    forward(&pass, x: x, y: y, training: true)
    return pass
  }

  /// An evaluation pass: BatchNorm uses the running statistics.
  public func evaluationPass(x: [Float], y: [Float]) -> Pass {
    var pass = Pass(for: self, batch: x.count)
    var copy = self
    copy.forward(&pass, x: x, y: y, training: false)
    return pass
  }

  /// The gradient of the loss with respect to every parameter, given its gradient with
  /// respect to the logits (channel-major, 2 × batch).
  public func backward(_ pass: Pass, logitGradient: [Float]) -> [Float] {
    var pass = pass
    backward(&pass, logitGradient: logitGradient)
    return pass.parameterGradient
  }

  /// The forward pass into `pass`'s buffers, which must have been made for this net.
  public mutating func forward(_ pass: inout Pass, x: [Float], y: [Float], training: Bool) {
    precondition(x.count == pass.batch && y.count == pass.batch)
    let (operations, channels) = (self.operations, slotChannels)
    Self.withBuffers(&pass, parameters: parameters, running: &running) { buffers in
      let inputs = buffers.activation(0)
      for i in 0..<buffers.batch {
        inputs[i] = x[i]
        inputs[buffers.batch + i] = y[i]
      }
      for (index, operation) in operations.enumerated() {
        operation.forward(buffers, index: index, channels: channels, training: training)
      }
    }
  }

  /// The backward pass: slot gradients from the logits back, and the parameters' gradient
  /// into `pass.parameterGradient`. A slot read twice (a block's input, which the shortcut
  /// also reads) gets both contributions, added in the reverse order of the operations.
  public func backward(_ pass: inout Pass, logitGradient: [Float]) {
    let last = pass.slotOffsets[pass.slotOffsets.count - 1]
    for i in pass.slotGradients.indices { pass.slotGradients[i] = 0 }
    for i in pass.parameterGradient.indices { pass.parameterGradient[i] = 0 }
    for i in 0..<logitGradient.count { pass.slotGradients[last + i] = logitGradient[i] }
    let (operations, channels) = (self.operations, slotChannels)
    var unused: [Float] = []
    Self.withBuffers(&pass, parameters: parameters, running: &unused) { buffers in
      for (index, operation) in operations.enumerated().reversed() {
        operation.backward(buffers, index: index, channels: channels)
      }
    }
  }

  /// The base addresses of one pass's buffers and the net's parameters, for the length of
  /// `body`: the one place where the arrays are pinned.
  static func withBuffers(
    _ pass: inout Pass, parameters: [Float], running: inout [Float], _ body: (PassBuffers) -> Void
  ) {
    var centred = [Float](repeating: 0, count: pass.batch)
    let (batch, slots) = (pass.batch, pass.slotOffsets)
    let (normalisedOffsets, deviationOffsets) = (pass.normalisedOffsets, pass.deviationOffsets)
    parameters.withUnsafeBufferPointer { p in
      running.withUnsafeMutableBufferPointer { running in
        pass.activations.withUnsafeMutableBufferPointer { a in
          pass.slotGradients.withUnsafeMutableBufferPointer { d in
            pass.normalised.withUnsafeMutableBufferPointer { hat in
              pass.inverseDeviation.withUnsafeMutableBufferPointer { inverse in
                pass.parameterGradient.withUnsafeMutableBufferPointer { grad in
                  centred.withUnsafeMutableBufferPointer { centred in
                    body(
                      PassBuffers(
                        batch: batch, slotOffsets: slots, normalisedOffsets: normalisedOffsets,
                        deviationOffsets: deviationOffsets, parameters: p.baseAddress!,
                        running: running.baseAddress,
                        activations: a.baseAddress!, gradients: d.baseAddress!, normalised: hat.baseAddress,
                        inverseDeviation: inverse.baseAddress, parameterGradient: grad.baseAddress!,
                        centred: centred.baseAddress!))
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// One pass's buffers as base addresses, valid only inside `InvertedResidualNet.withBuffers`.
struct PassBuffers {
  let batch: Int
  let slotOffsets: [Int]
  let normalisedOffsets: [Int]
  let deviationOffsets: [Int]
  let parameters: UnsafePointer<Float>
  /// BatchNorm's running statistics; nil in the backward pass, which never reads them.
  let running: UnsafeMutablePointer<Float>?
  let activations: UnsafeMutablePointer<Float>
  let gradients: UnsafeMutablePointer<Float>
  /// nil when the net has no BatchNorm.
  let normalised: UnsafeMutablePointer<Float>?
  let inverseDeviation: UnsafeMutablePointer<Float>?
  let parameterGradient: UnsafeMutablePointer<Float>
  /// One column of scratch for BatchNorm's centred values.
  let centred: UnsafeMutablePointer<Float>

  /// Slot s's activations, channel c's column when given.
  func activation(_ s: Int, channel c: Int = 0) -> UnsafeMutablePointer<Float> {
    activations + slotOffsets[s] + c * batch
  }

  func gradient(_ s: Int, channel c: Int = 0) -> UnsafeMutablePointer<Float> {
    gradients + slotOffsets[s] + c * batch
  }
}

extension InvertedResidualNet.Operation {
  /// This operation's outputs from its inputs. BatchNorm trains on the batch's own mean and
  /// biased variance and moves its running statistics toward them (momentum 0.1, the
  /// unbiased variance, as PyTorch), or evaluates with the running ones.
  func forward(_ b: PassBuffers, index: Int, channels: [Int], training: Bool) {
    let batch = b.batch
    switch self {
    case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
      VectorOps.dense(
        weights: b.parameters + weights, bias: bias.map { b.parameters + $0 }, input: b.activation(input),
        output: b.activation(output), inputs: inputs, outputs: outputs, batch: batch)
    case .batchNorm(let input, let output, let gamma, let beta, let statistics, let count):
      let running = b.running!
      for c in 0..<count {
        let column = b.activation(input, channel: c)
        let mean: Float, variance: Float
        if training {
          let batchStatistics = BatchNormColumn.statistics(column, count: batch, centred: b.centred)
          (mean, variance) = batchStatistics
          BatchNormColumn.moveRunning(
            mean: &running[statistics + c], variance: &running[statistics + count + c],
            toward: batchStatistics,
            count: batch, momentum: InvertedResidualNet.batchNormMomentum)
        } else {
          (mean, variance) = (running[statistics + c], running[statistics + count + c])
        }
        let inverse = BatchNormColumn.inverseDeviation(
          variance: variance, epsilon: InvertedResidualNet.batchNormEpsilon)
        b.inverseDeviation![b.deviationOffsets[index] + c] = inverse
        BatchNormColumn.normalise(
          column, count: batch, mean: mean, inverseDeviation: inverse, scale: b.parameters[gamma + c],
          shift: b.parameters[beta + c], normalised: b.normalised! + b.normalisedOffsets[index] + c * batch,
          output: b.activation(output, channel: c))
      }
    case .scale(let input, let output, let factor, let shift, let count):
      for c in 0..<count {
        let source = b.activation(input, channel: c), out = b.activation(output, channel: c)
        let f = b.parameters[factor + c], s = b.parameters[shift + c]
        for k in 0..<batch { out[k] = f * source[k] + s }
      }
    case .relu6(let input, let output):
      Nonlinearity.relu6.apply(
        b.activation(input), into: b.activation(output), count: channels[output] * batch)
    case .add(let first, let second, let output):
      let u = b.activation(first), v = b.activation(second), out = b.activation(output)
      for k in 0..<channels[output] * batch { out[k] = u[k] + v[k] }
    }
  }

  /// Adds this operation's share of its inputs' and parameters' gradients, from its output's.
  func backward(_ b: PassBuffers, index: Int, channels: [Int]) {
    let batch = b.batch
    let grad = b.parameterGradient
    switch self {
    case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
      let dy = b.gradient(output), xs = b.activation(input)
      for o in 0..<outputs {
        let row = dy + o * batch
        if let bias { grad[bias + o] += VectorOps.sum(row, count: batch) }
        for i in 0..<inputs {
          grad[weights + o * inputs + i] += VectorOps.dot(row, xs + i * batch, count: batch)
        }
      }
      // The input's gradient, except for the data itself (slot 0).
      guard input != 0 else { return }
      let dx = b.gradient(input)
      for i in 0..<inputs {
        for o in 0..<outputs {
          VectorOps.axpy(b.parameters[weights + o * inputs + i], dy + o * batch, dx + i * batch, count: batch)
        }
      }
    case .batchNorm(let input, let output, let gamma, let beta, _, let count):
      for c in 0..<count {
        let (dGamma, dBeta) = BatchNormColumn.accumulateGradient(
          b.gradient(output, channel: c), normalised: b.normalised! + b.normalisedOffsets[index] + c * batch,
          count: batch, scale: b.parameters[gamma + c],
          inverseDeviation: b.inverseDeviation![b.deviationOffsets[index] + c],
          into: b.gradient(input, channel: c))
        grad[gamma + c] += dGamma
        grad[beta + c] += dBeta
      }
    case .scale(let input, let output, let factor, let shift, let count):
      for c in 0..<count {
        let dy = b.gradient(output, channel: c)
        grad[factor + c] += VectorOps.dot(dy, b.activation(input, channel: c), count: batch)
        grad[shift + c] += VectorOps.sum(dy, count: batch)
        VectorOps.axpy(b.parameters[factor + c], dy, b.gradient(input, channel: c), count: batch)
      }
    case .relu6(let input, let output):
      // ReLU6 passes the gradient where 0 < x < 6, as PyTorch's hardtanh does.
      Nonlinearity.relu6.accumulateGradient(
        b.gradient(output), input: b.activation(input), into: b.gradient(input),
        count: channels[output] * batch)
    case .add(let first, let second, let output):
      let count = channels[output] * batch
      VectorOps.axpy(1, b.gradient(output), b.gradient(first), count: count)
      VectorOps.axpy(1, b.gradient(output), b.gradient(second), count: count)
    }
  }
}
