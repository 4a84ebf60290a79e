import Kernels

/// R² of the best affine decoder from features back to targets, by least squares, measured
/// on points the decoder was not fitted to.
enum LinearDecoder {
  /// The read-out trained on the even-numbered points, its reconstruction of every point,
  /// and R² = 1 − Σ residual² / Σ (target − mean)² on the odd-numbered points, which it never
  /// saw. Held out, because with hundreds of output channels and a few hundred points an
  /// in-sample fit would score near 1 whatever the block did.
  ///
  /// Least squares by the normal equations in double precision, solved by Cholesky with a
  /// ridge of 1e−10 × the mean feature variance, so constant (dead) features are ignored
  /// instead of making the system singular.
  static func fit(features: Matrix<Float>, targets: Matrix<Double>) -> Fit {
    let n = features.rows, p = features.columns, k = targets.columns
    let train = (n + 1) / 2
    guard n >= 4, p > 0 else { return Fit(fitted: targets, rSquared: 0, gram: nil) }
    // Every point centred by the training means (the even rows), in double precision.
    var featureMean = [Double](repeating: 0, count: p)
    features.values.withUnsafeBufferPointer { y in
      for i in Swift.stride(from: 0, to: n, by: 2) {
        for a in 0..<p { featureMean[a] += Double(y[i * p + a]) }
      }
    }
    for a in 0..<p { featureMean[a] /= Double(train) }
    let centred = Matrix<Double>(rows: n, columns: p) { x in
      features.values.withUnsafeBufferPointer { y in
        for i in 0..<n {
          for a in 0..<p { x[i * p + a] = Double(y[i * p + a]) - featureMean[a] }
        }
      }
    }
    var targetMean = [Double](repeating: 0, count: k)
    for t in 0..<train {
      for b in 0..<k { targetMean[b] += targets[2 * t, b] / Double(train) }
    }
    var trainTargets = Matrix<Double>(rows: train, columns: k)
    for t in 0..<train {
      for b in 0..<k { trainTargets[t, b] = targets[2 * t, b] - targetMean[b] }
    }
    let training = centred.rows(from: 0, by: 2)
    let unregularised = training.gram()
    var gram = unregularised
    let cross = training.transposedTimes(trainTargets)
    var trace = 0.0
    for a in 0..<p { trace += gram[a, a] }
    for a in 0..<p { gram[a, a] += max(1e-300, 1e-10 * trace / Double(p)) }
    guard let factor = gram.choleskyFactor() else {
      return Fit(fitted: targets, rSquared: 0, gram: unregularised)
    }
    var fitted = centred.times(factor.choleskySolve(cross))
    for i in 0..<n {
      for b in 0..<k { fitted[i, b] += targetMean[b] }
    }
    var mean = [Double](repeating: 0, count: k)
    let test = n / 2
    for i in Swift.stride(from: 1, to: n, by: 2) {
      for b in 0..<k { mean[b] += targets[i, b] / Double(test) }
    }
    var residual = 0.0, total = 0.0
    for i in Swift.stride(from: 1, to: n, by: 2) {
      for b in 0..<k {
        let error = targets[i, b] - fitted[i, b], spread = targets[i, b] - mean[b]
        residual += error * error
        total += spread * spread
      }
    }
    let rSquared = total > 0 ? min(1, max(0, 1 - residual / total)) : 1
    return Fit(fitted: fitted, rSquared: rSquared, gram: unregularised)
  }

  struct Fit {
    var fitted: Matrix<Double>
    var rSquared: Double
    /// The training points' centred Gram matrix, reused for the neighbour search's
    /// principal directions.
    var gram: Matrix<Double>?
  }
}
