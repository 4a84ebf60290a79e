/// R² of the best affine decoder from features back to targets, by least squares.
enum LinearDecoder {
  /// 1 − Σ residual² / Σ (target − mean)², over all target coordinates. The normal
  /// equations are solved by Cholesky with a ridge of 1e−10 × the mean feature variance,
  /// so constant (dead) features are ignored instead of making the system singular.
  static func rSquared(features: [[Double]], targets: [[Double]]) -> Double {
    let n = features.count
    guard n > 1, let p = features.first?.count, let k = targets.first?.count else { return 0 }
    var featureMean = [Double](repeating: 0, count: p), targetMean = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for a in 0..<p { featureMean[a] += features[i][a] }
      for b in 0..<k { targetMean[b] += targets[i][b] }
    }
    for a in 0..<p { featureMean[a] /= Double(n) }
    for b in 0..<k { targetMean[b] /= Double(n) }
    var gram = [Double](repeating: 0, count: p * p)
    var cross = [Double](repeating: 0, count: p * k)
    var total = 0.0
    var centred = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for a in 0..<p { centred[a] = features[i][a] - featureMean[a] }
      for a in 0..<p where centred[a] != 0 {
        let value = centred[a]
        for c in a..<p { gram[a * p + c] += value * centred[c] }
        for b in 0..<k { cross[a * k + b] += value * (targets[i][b] - targetMean[b]) }
      }
      for b in 0..<k {
        let t = targets[i][b] - targetMean[b]
        total += t * t
      }
    }
    guard total > 0 else { return 1 }
    for a in 0..<p {
      for c in 0..<a { gram[a * p + c] = gram[c * p + a] }
    }
    var trace = 0.0
    for a in 0..<p { trace += gram[a * p + a] }
    let ridge = max(1e-300, 1e-10 * trace / Double(p))
    for a in 0..<p { gram[a * p + a] += ridge }
    guard let factor = cholesky(gram, size: p) else { return 0 }
    // Explained sum of squares = Σ_b cross_bᵀ G⁻¹ cross_b.
    var explained = 0.0
    for b in 0..<k {
      var column = (0..<p).map { cross[$0 * k + b] }
      // Solve L w = c (forward); then explained += |w|².
      for a in 0..<p {
        var sum = column[a]
        for c in 0..<a { sum -= factor[a * p + c] * column[c] }
        column[a] = sum / factor[a * p + a]
      }
      for a in 0..<p { explained += column[a] * column[a] }
    }
    return min(1, max(0, explained / total))
  }

  /// The decoder's reconstruction of each target from its features (for plotting what a
  /// linear read-out recovers).
  static func fitted(features: [[Double]], targets: [[Double]]) -> [[Double]] {
    let n = features.count
    guard n > 1, let p = features.first?.count, let k = targets.first?.count else { return targets }
    var featureMean = [Double](repeating: 0, count: p), targetMean = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for a in 0..<p { featureMean[a] += features[i][a] / Double(n) }
      for b in 0..<k { targetMean[b] += targets[i][b] / Double(n) }
    }
    var gram = [Double](repeating: 0, count: p * p)
    var cross = [Double](repeating: 0, count: p * k)
    for i in 0..<n {
      let centred = (0..<p).map { features[i][$0] - featureMean[$0] }
      for a in 0..<p where centred[a] != 0 {
        for c in 0..<p { gram[a * p + c] += centred[a] * centred[c] }
        for b in 0..<k { cross[a * k + b] += centred[a] * (targets[i][b] - targetMean[b]) }
      }
    }
    var trace = 0.0
    for a in 0..<p { trace += gram[a * p + a] }
    for a in 0..<p { gram[a * p + a] += max(1e-300, 1e-10 * trace / Double(p)) }
    guard let factor = cholesky(gram, size: p) else { return targets.map { _ in targetMean } }
    // B = G⁻¹ C by forward and back substitution, one target coordinate at a time.
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
    return features.map { feature in
      (0..<k).map { b in
        var value = targetMean[b]
        for a in 0..<p { value += (feature[a] - featureMean[a]) * weights[a * k + b] }
        return value
      }
    }
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
