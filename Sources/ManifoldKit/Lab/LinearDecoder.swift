/// R² of the best affine decoder from features back to targets, by least squares, measured
/// on points the decoder was not fitted to.
enum LinearDecoder {
  /// An affine read-out x ↦ targetMean + (x − featureMean)·W.
  struct Model {
    var featureMean: [Double]
    var targetMean: [Double]
    /// p × k, row-major.
    var weights: [Double]

    func predict(_ feature: [Double]) -> [Double] {
      let p = featureMean.count, k = targetMean.count
      return (0..<k).map { b in
        var value = targetMean[b]
        for a in 0..<p { value += (feature[a] - featureMean[a]) * weights[a * k + b] }
        return value
      }
    }
  }

  /// The read-out trained on the even-numbered points, its reconstruction of every point,
  /// and R² = 1 − Σ residual² / Σ (target − mean)² on the odd-numbered points, which it never
  /// saw. Held out, because with hundreds of output channels and a few hundred points an
  /// in-sample fit would score near 1 whatever the block did.
  static func fit(features: [[Double]], targets: [[Double]]) -> (fitted: [[Double]], rSquared: Double) {
    let n = features.count
    guard n >= 4 else { return (targets, 0) }
    let train = Swift.stride(from: 0, to: n, by: 2).map { $0 }
    let test = Swift.stride(from: 1, to: n, by: 2).map { $0 }
    guard let model = self.train(features: train.map { features[$0] }, targets: train.map { targets[$0] })
    else {
      return (targets, 0)
    }
    let fitted = features.map(model.predict)
    let k = targets[0].count
    var mean = [Double](repeating: 0, count: k)
    for i in test {
      for b in 0..<k { mean[b] += targets[i][b] / Double(test.count) }
    }
    var residual = 0.0, total = 0.0
    for i in test {
      for b in 0..<k {
        let error = targets[i][b] - fitted[i][b], spread = targets[i][b] - mean[b]
        residual += error * error
        total += spread * spread
      }
    }
    guard total > 0 else { return (fitted, 1) }
    return (fitted, min(1, max(0, 1 - residual / total)))
  }

  /// Least squares by the normal equations, solved by Cholesky with a ridge of 1e−10 × the
  /// mean feature variance, so constant (dead) features are ignored instead of making the
  /// system singular.
  static func train(features: [[Double]], targets: [[Double]]) -> Model? {
    let n = features.count
    guard n > 1, let p = features.first?.count, let k = targets.first?.count else { return nil }
    var featureMean = [Double](repeating: 0, count: p), targetMean = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for a in 0..<p { featureMean[a] += features[i][a] }
      for b in 0..<k { targetMean[b] += targets[i][b] }
    }
    for a in 0..<p { featureMean[a] /= Double(n) }
    for b in 0..<k { targetMean[b] /= Double(n) }
    // Centred features, flat and row-major, so the Gram loop runs over contiguous memory.
    var centred = [Double](repeating: 0, count: n * p)
    for i in 0..<n {
      for a in 0..<p { centred[i * p + a] = features[i][a] - featureMean[a] }
    }
    var gram = [Double](repeating: 0, count: p * p)
    var cross = [Double](repeating: 0, count: p * k)
    centred.withUnsafeBufferPointer { x in
      gram.withUnsafeMutableBufferPointer { g in
        for i in 0..<n {
          let row = i * p
          for a in 0..<p {
            let value = x[row + a]
            if value == 0 { continue }
            let base = a * p
            for c in a..<p { g[base + c] += value * x[row + c] }
          }
        }
      }
      for i in 0..<n {
        for b in 0..<k {
          let t = targets[i][b] - targetMean[b]
          for a in 0..<p { cross[a * k + b] += x[i * p + a] * t }
        }
      }
    }
    for a in 0..<p {
      for c in 0..<a { gram[a * p + c] = gram[c * p + a] }
    }
    var trace = 0.0
    for a in 0..<p { trace += gram[a * p + a] }
    for a in 0..<p { gram[a * p + a] += max(1e-300, 1e-10 * trace / Double(p)) }
    guard let factor = cholesky(gram, size: p) else { return nil }
    // W = G⁻¹ C by forward and back substitution, one target coordinate at a time.
    var weights = [Double](repeating: 0, count: p * k)
    for b in 0..<k {
      var column = (0..<p).map { cross[$0 * k + b] }
      for a in 0..<p {
        var sum = column[a]
        for c in 0..<a { sum -= factor[a * p + c] * column[c] }
        column[a] = sum / factor[a * p + a]
      }
      for a in stride(from: p - 1, through: 0, by: -1) {
        var sum = column[a]
        for c in (a + 1)..<p { sum -= factor[c * p + a] * column[c] }
        column[a] = sum / factor[a * p + a]
      }
      for a in 0..<p { weights[a * k + b] = column[a] }
    }
    return Model(featureMean: featureMean, targetMean: targetMean, weights: weights)
  }

  /// Lower-triangular L with L Lᵀ = A, or nil if A is not positive definite.
  static func cholesky(_ matrix: [Double], size p: Int) -> [Double]? {
    var factor = [Double](repeating: 0, count: p * p)
    for a in 0..<p {
      for c in 0...a {
        var sum = matrix[a * p + c]
        for m in 0..<c { sum -= factor[a * p + m] * factor[c * p + m] }
        if a == c {
          guard sum > 0 else { return nil }
          factor[a * p + a] = sum.squareRoot()
        } else {
          factor[a * p + c] = sum / factor[c * p + c]
        }
      }
    }
    return factor
  }
}
