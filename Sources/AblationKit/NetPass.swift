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
    let batch = pass.batch
    precondition(x.count == batch && y.count == batch)
    let slots = pass.slotOffsets
    let normalisedOffsets = pass.normalisedOffsets, deviationOffsets = pass.deviationOffsets
    let operations = self.operations
    let n = Float(batch)
    let momentum = Self.batchNormMomentum, epsilon = Self.batchNormEpsilon
    var centred = [Float](repeating: 0, count: batch)
    parameters.withUnsafeBufferPointer { p in
      running.withUnsafeMutableBufferPointer { running in
        pass.activations.withUnsafeMutableBufferPointer { a in
          pass.normalised.withUnsafeMutableBufferPointer { hat in
            pass.inverseDeviation.withUnsafeMutableBufferPointer { inverse in
              centred.withUnsafeMutableBufferPointer { centred in
                let a = a.baseAddress!, p = p.baseAddress!
                for i in 0..<batch {
                  a[i] = x[i]
                  a[batch + i] = y[i]
                }
                for (index, operation) in operations.enumerated() {
                  switch operation {
                  case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
                    VectorOps.dense(
                      weights: p + weights, bias: bias.map { p + $0 }, input: a + slots[input],
                      output: a + slots[output], inputs: inputs, outputs: outputs, batch: batch)
                  case .batchNorm(let input, let output, let gamma, let beta, let statistics, let channels):
                    for c in 0..<channels {
                      let column = a + slots[input] + c * batch
                      let mean: Float, variance: Float
                      if training {
                        mean = VectorOps.sum(column, count: batch) / n
                        for k in 0..<batch { centred[k] = column[k] - mean }
                        let base = centred.baseAddress!
                        variance = VectorOps.dot(base, base, count: batch) / n
                        running[statistics + c] = (1 - momentum) * running[statistics + c] + momentum * mean
                        let unbiased = batch > 1 ? variance * n / (n - 1) : variance
                        running[statistics + channels + c] =
                          (1 - momentum) * running[statistics + channels + c] + momentum * unbiased
                      } else {
                        mean = running[statistics + c]
                        variance = running[statistics + channels + c]
                      }
                      let invStd = 1 / (variance + epsilon).squareRoot()
                      inverse[deviationOffsets[index] + c] = invStd
                      let g = p[gamma + c], b = p[beta + c]
                      let normal = hat.baseAddress! + normalisedOffsets[index] + c * batch
                      let out = a + slots[output] + c * batch
                      for k in 0..<batch {
                        normal[k] = (column[k] - mean) * invStd
                        out[k] = g * normal[k] + b
                      }
                    }
                  case .scale(let input, let output, let factor, let shift, let channels):
                    for c in 0..<channels {
                      let source = a + slots[input] + c * batch, out = a + slots[output] + c * batch
                      let f = p[factor + c], s = p[shift + c]
                      for k in 0..<batch { out[k] = f * source[k] + s }
                    }
                  case .relu6(let input, let output):
                    VectorOps.relu6(a + slots[input], a + slots[output], count: slotChannels[output] * batch)
                  case .add(let first, let second, let output):
                    let count = slotChannels[output] * batch
                    let u = a + slots[first], v = a + slots[second], out = a + slots[output]
                    for k in 0..<count { out[k] = u[k] + v[k] }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// The backward pass: slot gradients from the logits back, and the parameters' gradient
  /// into `pass.parameterGradient`. A slot read twice (a block's input, which the shortcut
  /// also reads) gets both contributions, added in the reverse order of the operations.
  public func backward(_ pass: inout Pass, logitGradient: [Float]) {
    let batch = pass.batch
    let slots = pass.slotOffsets
    let normalisedOffsets = pass.normalisedOffsets, deviationOffsets = pass.deviationOffsets
    let n = Float(batch)
    let last = slots[slots.count - 1]
    for i in pass.slotGradients.indices { pass.slotGradients[i] = 0 }
    for i in pass.parameterGradient.indices { pass.parameterGradient[i] = 0 }
    for i in 0..<logitGradient.count { pass.slotGradients[last + i] = logitGradient[i] }
    parameters.withUnsafeBufferPointer { p in
      pass.activations.withUnsafeBufferPointer { a in
        pass.slotGradients.withUnsafeMutableBufferPointer { d in
          pass.normalised.withUnsafeBufferPointer { hat in
            pass.inverseDeviation.withUnsafeBufferPointer { inverse in
              pass.parameterGradient.withUnsafeMutableBufferPointer { grad in
                let a = a.baseAddress!, d = d.baseAddress!, p = p.baseAddress!, grad = grad.baseAddress!
                for (index, operation) in operations.enumerated().reversed() {
                  switch operation {
                  case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
                    let dy = d + slots[output], xs = a + slots[input]
                    for o in 0..<outputs {
                      let row = dy + o * batch
                      if let bias { grad[bias + o] += VectorOps.sum(row, count: batch) }
                      for i in 0..<inputs {
                        grad[weights + o * inputs + i] += VectorOps.dot(row, xs + i * batch, count: batch)
                      }
                    }
                    // The input's gradient, except for the data itself (slot 0).
                    guard input != 0 else { continue }
                    let dx = d + slots[input]
                    for i in 0..<inputs {
                      for o in 0..<outputs {
                        VectorOps.axpy(
                          p[weights + o * inputs + i], dy + o * batch, dx + i * batch, count: batch)
                      }
                    }
                  case .batchNorm(let input, let output, let gamma, let beta, _, let channels):
                    for c in 0..<channels {
                      let dy = d + slots[output] + c * batch, dx = d + slots[input] + c * batch
                      let normal = hat.baseAddress! + normalisedOffsets[index] + c * batch
                      let sumDy = VectorOps.sum(dy, count: batch)
                      let sumDyHat = VectorOps.dot(dy, normal, count: batch)
                      grad[gamma + c] += sumDyHat
                      grad[beta + c] += sumDy
                      let scale = p[gamma + c] * inverse[deviationOffsets[index] + c] / n
                      for k in 0..<batch { dx[k] += scale * (n * dy[k] - sumDy - normal[k] * sumDyHat) }
                    }
                  case .scale(let input, let output, let factor, let shift, let channels):
                    for c in 0..<channels {
                      let dy = d + slots[output] + c * batch, dx = d + slots[input] + c * batch
                      let xs = a + slots[input] + c * batch
                      grad[factor + c] += VectorOps.dot(dy, xs, count: batch)
                      grad[shift + c] += VectorOps.sum(dy, count: batch)
                      VectorOps.axpy(p[factor + c], dy, dx, count: batch)
                    }
                  case .relu6(let input, let output):
                    // ReLU6 passes the gradient where 0 < x < 6, as PyTorch's hardtanh does.
                    VectorOps.addReLU6Gradient(
                      d + slots[output], input: a + slots[input], into: d + slots[input],
                      count: slotChannels[output] * batch)
                  case .add(let first, let second, let output):
                    let count = slotChannels[output] * batch
                    let dz = d + slots[output], du = d + slots[first], dv = d + slots[second]
                    VectorOps.axpy(1, dz, du, count: count)
                    VectorOps.axpy(1, dz, dv, count: count)
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
