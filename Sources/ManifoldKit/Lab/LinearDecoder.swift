import CLabKernels

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
  static func fit(features: LabMatrix<Float>, targets: LabMatrix<Double>) -> Fit {
    let n = features.rows, p = features.columns, k = targets.columns
    let train = (n + 1) / 2
    guard n >= 4, p > 0 else { return Fit(fitted: targets, rSquared: 0, gram: nil) }
    var featureMean = [Double](repeating: 0, count: p), targetMean = [Double](repeating: 0, count: k)
    // Right-hand sides padded with zero columns to a multiple of four, the kernel's vector
    // width in double precision: a narrow product would otherwise run one scalar chain at a
    // time. Padding leaves every real entry's chain unchanged.
    let padded = (k + 3) / 4 * 4
    var trainTargets = LabMatrix<Double>(rows: train, columns: padded)
    // Every point centred by the training means; training rows are the even rows, read in
    // place with a stride of two rows.
    let centred = LabMatrix<Double>(rows: n, columns: p) { x in
      features.values.withUnsafeBufferPointer { y in
        featureMean.withUnsafeMutableBufferPointer { mean in
          lab_centre(n, p, y.baseAddress, x.baseAddress, mean.baseAddress)
        }
      }
    }
    for t in 0..<train {
      for b in 0..<k { targetMean[b] += targets[2 * t, b] / Double(train) }
    }
    for t in 0..<train {
      for b in 0..<k { trainTargets[t, b] = targets[2 * t, b] - targetMean[b] }
    }
    let unregularised = upperGram(centred: centred, train: train)
    var gram = unregularised
    let cross = LabMatrix<Double>(rows: p, columns: padded) { c in
      centred.values.withUnsafeBufferPointer { x in
        trainTargets.values.withUnsafeBufferPointer { t in
          lab_dgemm_strided(
            p, train, padded, x.baseAddress, 1, 2 * p, t.baseAddress, padded, c.baseAddress, padded)
        }
      }
    }
    var trace = 0.0
    for a in 0..<p { trace += gram[a, a] }
    for a in 0..<p { gram[a, a] += max(1e-300, 1e-10 * trace / Double(p)) }
    guard let factor = cholesky(gram) else {
      return Fit(fitted: targets, rSquared: 0, gram: unregularised)
    }
    let weights = solve(factor: factor, rightHandSides: cross, columns: k)
    let product = centred.times(weights)
    var fitted = LabMatrix<Double>(rows: n, columns: k)
    for i in 0..<n {
      for b in 0..<k { fitted[i, b] = product[i, b] }
    }
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
    var fitted: LabMatrix<Double>
    var rSquared: Double
    /// The training points' centred Gram matrix (upper triangle), reused for the neighbour
    /// search's principal directions.
    var gram: LabMatrix<Double>?
  }

  /// XᵀX over the training rows (the even rows of `centred`), upper triangle by blocks of
  /// rows; Cholesky reads only the upper triangle.
  static func upperGram(centred: LabMatrix<Double>, train: Int) -> LabMatrix<Double> {
    let p = centred.columns
    let block = 36  // a multiple of the kernel's six-row register block
    return LabMatrix<Double>(rows: p, columns: p) { g in
      centred.values.withUnsafeBufferPointer { x in
        for start in Swift.stride(from: 0, to: p, by: block) {
          // Rows start..<start+block of Xᵀ are columns of X: stride 1 along the block,
          // 2p (every other row) along the training points.
          let rows = min(block, p - start)
          lab_dgemm_strided(
            rows, train, p - start, x.baseAddress! + start, 1, 2 * p, x.baseAddress! + start, 2 * p,
            g.baseAddress! + start * p + start, p)
          // The strictly lower part of this band is never read; keep it defined.
          for r in start..<start + rows {
            for c in 0..<start { g[r * p + c] = 0 }
          }
        }
      }
    }
  }

  /// Lower-triangular L with L Lᵀ = A (read from A's upper triangle), or nil if A is not
  /// positive definite.
  static func cholesky(_ matrix: LabMatrix<Double>) -> LabMatrix<Double>? {
    var factor = matrix
    let size = matrix.rows
    let ok = factor.values.withUnsafeMutableBufferPointer { lab_dcholesky(size, $0.baseAddress, size) }
    guard ok == 1 else { return nil }
    for a in 0..<size {
      for c in (a + 1)..<max(a + 1, size) { factor[a, c] = 0 }
    }
    return factor
  }

  /// X = A⁻¹B for A = L Lᵀ, by forward and back substitution, for the first `columns`
  /// columns of B (the rest are padding and stay zero).
  static func solve(factor: LabMatrix<Double>, rightHandSides: LabMatrix<Double>, columns k: Int)
    -> LabMatrix<Double>
  {
    let p = factor.rows, width = rightHandSides.columns
    var solution = LabMatrix<Double>(rows: p, columns: width)
    var column = [Double](repeating: 0, count: p)
    factor.values.withUnsafeBufferPointer { l in
      rightHandSides.values.withUnsafeBufferPointer { rhs in
        solution.values.withUnsafeMutableBufferPointer { x in
          column.withUnsafeMutableBufferPointer { y in
            for b in 0..<k {
              for a in 0..<p { y[a] = rhs[a * width + b] }
              for a in 0..<p {
                var sum = y[a]
                for c in 0..<a { sum -= l[a * p + c] * y[c] }
                y[a] = sum / l[a * p + a]
              }
              for a in Swift.stride(from: p - 1, through: 0, by: -1) {
                var sum = y[a]
                for c in (a + 1)..<p { sum -= l[c * p + a] * y[c] }
                y[a] = sum / l[a * p + a]
              }
              for a in 0..<p { x[a * width + b] = y[a] }
            }
          }
        }
      }
    }
    return solution
  }
}
