/// BatchNorm on one channel whose values lie in a contiguous column: the kernels that both
/// layouts share. The NHWC `BatchNorm` gathers each channel into a column and calls these;
/// the Figure 6 miniature keeps its activations channel-major, so its columns are already
/// contiguous. One set of kernels, so one set of bits in either layout.
///
/// Sums run in `VectorOps`' fixed eight-lane order.
public enum BatchNormColumn {
  /// The batch mean Σx/n and biased variance Σ(x − mean)²/n, with x − mean left in `centred`.
  @inlinable
  public static func statistics(
    _ x: UnsafePointer<Float>, count: Int, centred: UnsafeMutablePointer<Float>
  ) -> (mean: Float, variance: Float) {
    let n = Float(count)
    let mean = VectorOps.sum(x, count: count) / n
    for k in 0..<count { centred[k] = x[k] - mean }
    return (mean, VectorOps.dot(centred, centred, count: count) / n)
  }

  /// 1/√(σ² + ε).
  @inlinable @inline(__always)
  public static func inverseDeviation(variance: Float, epsilon: Float) -> Float {
    1 / (variance + epsilon).squareRoot()
  }

  /// PyTorch's running update: r ← (1 − m)·r + m·batch, the variance made unbiased as
  /// σ²·n/(n − 1) (left biased for a batch of one, where n − 1 is 0).
  @inlinable @inline(__always)
  public static func moveRunning(
    mean runningMean: inout Float, variance runningVariance: inout Float,
    toward batch: (mean: Float, variance: Float),
    count: Int, momentum: Float
  ) {
    let n = Float(count)
    let unbiased = count > 1 ? batch.variance * n / (n - 1) : batch.variance
    runningMean = (1 - momentum) * runningMean + momentum * batch.mean
    runningVariance = (1 - momentum) * runningVariance + momentum * unbiased
  }

  /// x̂ = (x − mean)·inverse into `normalised` (when given), and y = γ·x̂ + β into `output`.
  @inlinable
  public static func normalise(
    _ x: UnsafePointer<Float>, count: Int, mean: Float, inverseDeviation: Float, scale: Float, shift: Float,
    normalised: UnsafeMutablePointer<Float>?, output: UnsafeMutablePointer<Float>
  ) {
    for k in 0..<count {
      let hat = (x[k] - mean) * inverseDeviation
      normalised?[k] = hat
      output[k] = scale * hat + shift
    }
  }

  /// A training pass's backward step for one channel: dx ← dx + γ·inverse/n·(n·dy − Σdy − x̂·Σdy·x̂),
  /// added so that a column read twice gets both contributions. Returns dγ = Σdy·x̂ and dβ = Σdy.
  @inlinable
  public static func accumulateGradient(
    _ dy: UnsafePointer<Float>, normalised: UnsafePointer<Float>, count: Int, scale: Float,
    inverseDeviation: Float, into dx: UnsafeMutablePointer<Float>
  ) -> (scale: Float, shift: Float) {
    let n = Float(count)
    let sumDy = VectorOps.sum(dy, count: count)
    let sumDyHat = VectorOps.dot(dy, normalised, count: count)
    let k = scale * inverseDeviation / n
    for i in 0..<count { dx[i] += k * (n * dy[i] - sumDy - normalised[i] * sumDyHat) }
    return (sumDyHat, sumDy)
  }
}
