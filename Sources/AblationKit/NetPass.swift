import Kernels
import ManifoldKit

extension InvertedResidualNet {
  /// One forward pass over a batch, with what the backward pass needs.
  public struct Pass: Sendable {
    public let batch: Int
    /// Each slot's activations, channel-major: element (c, n) at c·batch + n.
    var slots: [[Float]]
    /// Per BatchNorm operation (by index): x̂ and 1/√(σ² + ε) of each channel.
    var normalised: [Int: [Float]] = [:]
    var inverseDeviation: [Int: [Float]] = [:]

    /// The two logits of point n.
    public func logits(_ n: Int) -> (Float, Float) {
      let last = slots[slots.count - 1]
      return (last[n], last[batch + n])
    }
  }

  /// A training pass: BatchNorm normalises by the batch's own mean and (biased) variance and
  /// moves its running statistics toward them (momentum 0.1, unbiased variance, as PyTorch).
  public mutating func trainingPass(x: [Float], y: [Float]) -> Pass { forward(x: x, y: y, training: true) }

  /// An evaluation pass: BatchNorm uses the running statistics.
  public func evaluationPass(x: [Float], y: [Float]) -> Pass {
    var copy = self
    return copy.forward(x: x, y: y, training: false)
  }

  mutating func forward(x: [Float], y: [Float], training: Bool) -> Pass {
    let batch = x.count
    var pass = Pass(batch: batch, slots: slotChannels.map { _ in [] })
    pass.slots[0] = x + y
    for (index, operation) in operations.enumerated() {
      switch operation {
      case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
        var result = [Float](repeating: 0, count: outputs * batch)
        parameters.withUnsafeBufferPointer { p in
          pass.slots[input].withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in
              for o in 0..<outputs {
                let row = y.baseAddress! + o * batch
                let b = bias.map { p[$0 + o] } ?? 0
                for n in 0..<batch { row[n] = b }
                for i in 0..<inputs {
                  VectorOps.axpy(p[weights + o * inputs + i], x.baseAddress! + i * batch, row, count: batch)
                }
              }
            }
          }
        }
        pass.slots[output] = result
      case .batchNorm(let input, let output, let gamma, let beta, let runningOffset, let channels):
        var result = [Float](repeating: 0, count: channels * batch)
        var hat = [Float](repeating: 0, count: channels * batch)
        var inverse = [Float](repeating: 0, count: channels)
        let n = Float(batch)
        pass.slots[input].withUnsafeBufferPointer { x in
          for c in 0..<channels {
            let column = x.baseAddress! + c * batch
            let mean: Float
            let variance: Float
            if training {
              mean = VectorOps.sum(column, count: batch) / n
              var centred = [Float](repeating: 0, count: batch)
              for i in 0..<batch { centred[i] = column[i] - mean }
              variance =
                centred.withUnsafeBufferPointer {
                  VectorOps.dot($0.baseAddress!, $0.baseAddress!, count: batch)
                } / n
              let m = Self.batchNormMomentum
              running[runningOffset + c] = (1 - m) * running[runningOffset + c] + m * mean
              let unbiased = batch > 1 ? variance * n / (n - 1) : variance
              running[runningOffset + channels + c] =
                (1 - m) * running[runningOffset + channels + c] + m * unbiased
            } else {
              mean = running[runningOffset + c]
              variance = running[runningOffset + channels + c]
            }
            let invStd = 1 / (variance + Self.batchNormEpsilon).squareRoot()
            inverse[c] = invStd
            let g = parameters[gamma + c], b = parameters[beta + c]
            for i in 0..<batch {
              let normal = (column[i] - mean) * invStd
              hat[c * batch + i] = normal
              result[c * batch + i] = g * normal + b
            }
          }
        }
        pass.slots[output] = result
        pass.normalised[index] = hat
        pass.inverseDeviation[index] = inverse
      case .scale(let input, let output, let factor, let shift, let channels):
        var result = pass.slots[input]
        for c in 0..<channels {
          let a = parameters[factor + c], b = parameters[shift + c]
          for i in 0..<batch { result[c * batch + i] = a * result[c * batch + i] + b }
        }
        pass.slots[output] = result
      case .relu6(let input, let output):
        pass.slots[output] = pass.slots[input].map { min(max($0, 0), 6) }
      case .add(let a, let b, let output):
        var result = pass.slots[a]
        let other = pass.slots[b]
        for i in result.indices { result[i] += other[i] }
        pass.slots[output] = result
      }
    }
    return pass
  }

  /// The gradient of the loss with respect to every parameter, given its gradient with
  /// respect to the logits (channel-major, 2 × batch).
  public func backward(_ pass: Pass, logitGradient: [Float]) -> [Float] {
    let batch = pass.batch
    var gradient = [Float](repeating: 0, count: parameters.count)
    var slotGradients: [[Float]?] = Array(repeating: nil, count: slotChannels.count)
    slotGradients[slotChannels.count - 1] = logitGradient
    func accumulate(_ slot: Int, _ values: [Float]) {
      if var existing = slotGradients[slot] {
        for i in existing.indices { existing[i] += values[i] }
        slotGradients[slot] = existing
      } else {
        slotGradients[slot] = values
      }
    }
    for (index, operation) in operations.enumerated().reversed() {
      switch operation {
      case .dense(let input, let output, let weights, let bias, let inputs, let outputs):
        guard let dy = slotGradients[output] else { continue }
        var dx = [Float](repeating: 0, count: inputs * batch)
        let x = pass.slots[input]
        dy.withUnsafeBufferPointer { dy in
          x.withUnsafeBufferPointer { x in
            dx.withUnsafeMutableBufferPointer { dx in
              parameters.withUnsafeBufferPointer { p in
                for o in 0..<outputs {
                  let row = dy.baseAddress! + o * batch
                  if let bias { gradient[bias + o] += VectorOps.sum(row, count: batch) }
                  for i in 0..<inputs {
                    gradient[weights + o * inputs + i] += VectorOps.dot(
                      row, x.baseAddress! + i * batch, count: batch)
                  }
                }
                // dx(i) = Σ_o W(o, i)·dy(o), o in order.
                for i in 0..<inputs {
                  let target = dx.baseAddress! + i * batch
                  for o in 0..<outputs {
                    VectorOps.axpy(
                      p[weights + o * inputs + i], dy.baseAddress! + o * batch, target, count: batch)
                  }
                }
              }
            }
          }
        }
        if input != 0 { accumulate(input, dx) }
      case .batchNorm(let input, let output, let gamma, let beta, _, let channels):
        guard let dy = slotGradients[output] else { continue }
        let hat = pass.normalised[index]!, inverse = pass.inverseDeviation[index]!
        var dx = [Float](repeating: 0, count: channels * batch)
        let n = Float(batch)
        for c in 0..<channels {
          let (sumDy, sumDyHat) = dy.withUnsafeBufferPointer { dy in
            hat.withUnsafeBufferPointer { hat in
              (
                VectorOps.sum(dy.baseAddress! + c * batch, count: batch),
                VectorOps.dot(dy.baseAddress! + c * batch, hat.baseAddress! + c * batch, count: batch)
              )
            }
          }
          gradient[gamma + c] += sumDyHat
          gradient[beta + c] += sumDy
          let scale = parameters[gamma + c] * inverse[c] / n
          for i in 0..<batch {
            let k = c * batch + i
            dx[k] = scale * (n * dy[k] - sumDy - hat[k] * sumDyHat)
          }
        }
        accumulate(input, dx)
      case .scale(let input, let output, let factor, let shift, let channels):
        guard let dy = slotGradients[output] else { continue }
        let x = pass.slots[input]
        var dx = dy
        for c in 0..<channels {
          let (sumDy, sumDyX) = dy.withUnsafeBufferPointer { dy in
            x.withUnsafeBufferPointer { x in
              (
                VectorOps.sum(dy.baseAddress! + c * batch, count: batch),
                VectorOps.dot(dy.baseAddress! + c * batch, x.baseAddress! + c * batch, count: batch)
              )
            }
          }
          gradient[factor + c] += sumDyX
          gradient[shift + c] += sumDy
          let a = parameters[factor + c]
          for i in 0..<batch { dx[c * batch + i] = a * dy[c * batch + i] }
        }
        accumulate(input, dx)
      case .relu6(let input, let output):
        guard var dx = slotGradients[output] else { continue }
        let x = pass.slots[input]
        // ReLU6 passes the gradient where 0 < x < 6, as PyTorch's hardtanh does.
        for i in dx.indices where !(x[i] > 0 && x[i] < 6) { dx[i] = 0 }
        accumulate(input, dx)
      case .add(let a, let b, let output):
        guard let dz = slotGradients[output] else { continue }
        accumulate(a, dz)
        accumulate(b, dz)
      }
    }
    return gradient
  }
}
