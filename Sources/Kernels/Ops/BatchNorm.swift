/// BatchNorm over the channels of an NHWC tensor, as PyTorch's `BatchNorm2d` computes it:
/// while training, each channel is normalised by its batch mean and biased variance over
/// every pixel of the batch, and the running statistics move toward them (momentum, with
/// the unbiased variance); at test time the running statistics are used, and for inference
/// the whole affine map folds into the conv before it (`Convolution.folding`).
///
/// Sums over pixels run in pixel order, one chain per channel, in Float.
public struct BatchNorm: Equatable, Sendable {
  public var scale: [Float]  // γ
  public var shift: [Float]  // β
  public var runningMean: [Float]
  public var runningVariance: [Float]
  public var epsilon: Float
  public var momentum: Float

  public init(
    scale: [Float], shift: [Float], runningMean: [Float], runningVariance: [Float], epsilon: Float = 1e-5,
    momentum: Float = 0.1
  ) {
    let c = scale.count
    precondition(shift.count == c && runningMean.count == c && runningVariance.count == c, "BatchNorm sizes")
    self.scale = scale
    self.shift = shift
    self.runningMean = runningMean
    self.runningVariance = runningVariance
    self.epsilon = epsilon
    self.momentum = momentum
  }

  /// γ = 1, β = 0, μ = 0, σ² = 1: PyTorch's initial state.
  public static func identity(channels: Int, epsilon: Float = 1e-5) -> BatchNorm {
    let ones = [Float](repeating: 1, count: channels), zeros = [Float](repeating: 0, count: channels)
    return BatchNorm(scale: ones, shift: zeros, runningMean: zeros, runningVariance: ones, epsilon: epsilon)
  }

  public var channels: Int { scale.count }

  /// The test-time map as y = a·x + b per channel: a = γ/√(σ² + ε), b = β − μ·a.
  public var affine: (scale: [Float], shift: [Float]) {
    var a = [Float](repeating: 0, count: channels), b = a
    for c in 0..<channels {
      a[c] = scale[c] / (runningVariance[c] + epsilon).squareRoot()
      b[c] = shift[c] - runningMean[c] * a[c]
    }
    return (a, b)
  }

  /// Test time: (x − μ)/√(σ² + ε)·γ + β with the running statistics, in that order.
  public func inference(_ x: Tensor) -> Tensor {
    precondition(x.shape.channels == channels, "BatchNorm of \(channels) on \(x.shape)")
    var inverse = [Float](repeating: 0, count: channels)
    for c in 0..<channels { inverse[c] = 1 / (runningVariance[c] + epsilon).squareRoot() }
    return Tensor(shape: x.shape) { y in
      for index in 0..<y.count {
        let c = index % channels
        y[index] = (x.values[index] - runningMean[c]) * inverse[c] * scale[c] + shift[c]
      }
    }
  }

  /// What the backward pass needs from a training pass: x̂ and 1/√(σ²_batch + ε).
  public struct Saved: Equatable, Sendable {
    public var normalised: Tensor
    public var inverseDeviation: [Float]
  }

  /// Training: batch statistics, and the running ones updated as PyTorch does.
  public mutating func training(_ x: Tensor) -> (output: Tensor, saved: Saved) {
    precondition(x.shape.channels == channels, "BatchNorm of \(channels) on \(x.shape)")
    let count = x.shape.pixels
    precondition(count > 1, "BatchNorm needs more than one value per channel to train")
    var mean = [Float](repeating: 0, count: channels), variance = mean
    for p in 0..<count {
      for c in 0..<channels { mean[c] += x.values[p * channels + c] }
    }
    for c in 0..<channels { mean[c] /= Float(count) }
    for p in 0..<count {
      for c in 0..<channels {
        let d = x.values[p * channels + c] - mean[c]
        variance[c] += d * d
      }
    }
    var inverse = [Float](repeating: 0, count: channels)
    for c in 0..<channels {
      let biased = variance[c] / Float(count)
      inverse[c] = 1 / (biased + epsilon).squareRoot()
      let unbiased = variance[c] / Float(count - 1)
      runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean[c]
      runningVariance[c] = (1 - momentum) * runningVariance[c] + momentum * unbiased
    }
    let normalised = Tensor(shape: x.shape) { out in
      for index in 0..<out.count {
        let c = index % channels
        out[index] = (x.values[index] - mean[c]) * inverse[c]
      }
    }
    let output = Tensor(shape: x.shape) { out in
      for index in 0..<out.count {
        let c = index % channels
        out[index] = normalised.values[index] * scale[c] + shift[c]
      }
    }
    return (output, Saved(normalised: normalised, inverseDeviation: inverse))
  }

  public struct Gradients: Equatable, Sendable {
    public var input: Tensor
    public var scale: [Float]
    public var shift: [Float]
  }

  /// The training pass's gradients: dβ = Σ dy, dγ = Σ dy·x̂, and
  /// dx = γ/(N·σ)·(N·dy − dβ − x̂·dγ), with N the pixels per channel.
  public func backward(_ dy: Tensor, saved: Saved) -> Gradients {
    precondition(dy.shape == saved.normalised.shape, "gradient \(dy.shape) for \(saved.normalised.shape)")
    let count = dy.shape.pixels
    var dScale = [Float](repeating: 0, count: channels), dShift = dScale
    for p in 0..<count {
      for c in 0..<channels {
        let index = p * channels + c
        dShift[c] += dy.values[index]
        dScale[c] += dy.values[index] * saved.normalised.values[index]
      }
    }
    let n = Float(count)
    let dx = Tensor(shape: dy.shape) { out in
      for index in 0..<out.count {
        let c = index % channels
        let k = scale[c] * saved.inverseDeviation[c] / n
        out[index] = k * (n * dy.values[index] - dShift[c] - saved.normalised.values[index] * dScale[c])
      }
    }
    return Gradients(input: dx, scale: dScale, shift: dShift)
  }
}
