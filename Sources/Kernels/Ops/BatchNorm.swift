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
    var y = x
    for c in 0..<channels {
      let column = x.column(c)
      var out = column
      BatchNormColumn.normalise(
        column, count: column.count, mean: runningMean[c],
        inverseDeviation: BatchNormColumn.inverseDeviation(variance: runningVariance[c], epsilon: epsilon),
        scale: scale[c], shift: shift[c], normalised: nil, output: &out)
      y.setColumn(c, out)
    }
    return y
  }

  /// What the backward pass needs from a training pass: x̂ and 1/√(σ²_batch + ε).
  public struct Saved: Equatable, Sendable {
    public var normalised: Tensor
    public var inverseDeviation: [Float]
  }

  /// Training: batch statistics, and the running ones updated as PyTorch does, channel by
  /// channel through `BatchNormColumn`.
  public mutating func training(_ x: Tensor) -> (output: Tensor, saved: Saved) {
    precondition(x.shape.channels == channels, "BatchNorm of \(channels) on \(x.shape)")
    let count = x.shape.pixels
    precondition(count > 1, "BatchNorm needs more than one value per channel to train")
    var output = x, normalised = x
    var inverse = [Float](repeating: 0, count: channels)
    for c in 0..<channels {
      let column = x.column(c)
      var centred = column, hat = column, out = column
      let batch = BatchNormColumn.statistics(column, count: count, centred: &centred)
      BatchNormColumn.moveRunning(
        mean: &runningMean[c], variance: &runningVariance[c], toward: batch, count: count, momentum: momentum)
      inverse[c] = BatchNormColumn.inverseDeviation(variance: batch.variance, epsilon: epsilon)
      BatchNormColumn.normalise(
        column, count: count, mean: batch.mean, inverseDeviation: inverse[c], scale: scale[c],
        shift: shift[c],
        normalised: &hat, output: &out)
      normalised.setColumn(c, hat)
      output.setColumn(c, out)
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
    var dScale = [Float](repeating: 0, count: channels), dShift = dScale
    var dx = Tensor(shape: dy.shape)
    for c in 0..<channels {
      let dyColumn = dy.column(c)
      var dxColumn = [Float](repeating: 0, count: dyColumn.count)
      (dScale[c], dShift[c]) = BatchNormColumn.accumulateGradient(
        dyColumn, normalised: saved.normalised.column(c), count: dyColumn.count, scale: scale[c],
        inverseDeviation: saved.inverseDeviation[c], into: &dxColumn)
      dx.setColumn(c, dxColumn)
    }
    return Gradients(input: dx, scale: dScale, shift: dShift)
  }
}

extension Tensor {
  /// Channel c of every pixel, in pixel order: one contiguous column.
  func column(_ c: Int) -> [Float] {
    let channels = shape.channels
    return (0..<shape.pixels).map { values[$0 * channels + c] }
  }

  mutating func setColumn(_ c: Int, _ column: [Float]) {
    let channels = shape.channels
    for p in 0..<shape.pixels { values[p * channels + c] = column[p] }
  }
}
