/// The Cholesky factorisation and the two triangular solves it is for.
///
/// An entry of the factor subtracts a dot product of two row prefixes. That dot product is
/// summed in four lanes (term q in lane q mod 4) folded as (l₀ + l₂) + (l₁ + l₃), so the
/// four chains run side by side instead of as one long dependency; `DotProduct.lanes4`
/// states the same order in scalar code for the tests.
extension Matrix where Scalar == Double {
  /// Lower-triangular L with L·Lᵀ = self (only the upper triangle of self is read), or nil
  /// when self is not positive definite.
  public func choleskyFactor() -> Matrix? {
    precondition(rows == columns, "Cholesky of a \(rows)×\(columns) matrix")
    let n = rows
    var factor = Matrix(rows: n, columns: n)
    let ok = values.withUnsafeBufferPointer { a in
      factor.values.withUnsafeMutableBufferPointer { l -> Bool in
        let l = l.baseAddress!
        for i in 0..<n {
          for j in 0...i {
            let s = a[j * n + i] - DotProduct.lanes4(l + i * n, l + j * n, count: j)
            if j == i {
              guard s > 0, s.isFinite else { return false }
              l[i * n + i] = s.squareRoot()
            } else {
              l[i * n + j] = s / l[j * n + j]
            }
          }
        }
        return true
      }
    }
    return ok ? factor : nil
  }

  /// X with (L·Lᵀ)·X = B, for self = L from `choleskyFactor()`: forward then back
  /// substitution, one column of B at a time, each sum in index order.
  public func choleskySolve(_ b: Matrix) -> Matrix {
    precondition(rows == columns && b.rows == rows, "solve with a \(rows)×\(columns) factor")
    let p = rows, width = b.columns
    var solution = Matrix(rows: p, columns: width)
    var column = [Double](repeating: 0, count: p)
    values.withUnsafeBufferPointer { l in
      b.values.withUnsafeBufferPointer { rhs in
        solution.values.withUnsafeMutableBufferPointer { x in
          column.withUnsafeMutableBufferPointer { y in
            for k in 0..<width {
              for a in 0..<p { y[a] = rhs[a * width + k] }
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
              for a in 0..<p { x[a * width + k] = y[a] }
            }
          }
        }
      }
    }
    return solution
  }
}

/// Dot products in a fixed lane order.
public enum DotProduct {
  /// Σ x[q]·y[q] in four lanes, term q in lane q mod 4, folded as (l₀ + l₂) + (l₁ + l₃).
  @inline(__always)
  public static func lanes4(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
    var acc = SIMD4<Double>()
    var q = 0
    while q + 4 <= count {
      acc =
        acc + UnsafeRawPointer(x + q).loadUnaligned(as: SIMD4<Double>.self)
        * UnsafeRawPointer(y + q).loadUnaligned(as: SIMD4<Double>.self)
      q += 4
    }
    var lane = 0
    while q < count {
      acc[lane] = acc[lane] + x[q] * y[q]
      q += 1
      lane += 1
    }
    return (acc[0] + acc[2]) + (acc[1] + acc[3])
  }
}
