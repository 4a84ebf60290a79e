/// The random matrix T ∈ ℝⁿˣ² that embeds the plane in n dimensions, and its
/// Moore–Penrose pseudo-inverse T⁺ that projects back (the paper's "T⁻¹").
public struct RandomEmbedding: Equatable, Sendable {
  public let dimension: Int
  /// Column j of T, entries i.i.d. N(0, 1) drawn row by row from the seed.
  public let column0: [Double]
  public let column1: [Double]
  /// Rows of T⁺ (2 × n).
  public let inverseRow0: [Double]
  public let inverseRow1: [Double]
  /// 2 for every Gaussian draw in practice; 1 if the columns are numerically parallel.
  public let rank: Int
  /// True when no two rows of T are parallel, so Lemma 2's condition "two linearly
  /// independent active rows" reduces to "at least two active rows".
  public let rowsPairwiseIndependent: Bool

  /// Relative size below which a singular value or a 2×2 determinant counts as zero.
  public static let rankTolerance = 1e-12

  public init(dimension: Int, seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var c0 = [Double](repeating: 0, count: dimension)
    var c1 = [Double](repeating: 0, count: dimension)
    for row in 0..<dimension {
      c0[row] = generator.nextNormal()
      c1[row] = generator.nextNormal()
    }
    self.init(column0: c0, column1: c1)
  }

  /// T⁺ from a thin QR factorisation T = QR by modified Gram–Schmidt with one
  /// re-orthogonalisation, which stays accurate where the normal equations (TᵀT)⁻¹Tᵀ would
  /// square the condition number.
  public init(column0: [Double], column1: [Double]) {
    precondition(column0.count == column1.count && !column0.isEmpty)
    let n = column0.count
    dimension = n
    self.column0 = column0
    self.column1 = column1
    func dot(_ a: [Double], _ b: [Double]) -> Double {
      var sum = 0.0
      for i in 0..<a.count { sum += a[i] * b[i] }
      return sum
    }
    let r11 = dot(column0, column0).squareRoot()
    var q1 = column0.map { $0 / r11 }
    var v = column1
    var r12 = 0.0
    for _ in 0..<2 {
      let projection = dot(q1, v)
      r12 += projection
      for i in 0..<n { v[i] -= projection * q1[i] }
    }
    let r22 = dot(v, v).squareRoot()
    if r11 > 0 && r22 > Self.rankTolerance * max(r11, abs(r12)) {
      rank = 2
      let q2 = v.map { $0 / r22 }
      // T⁺ = R⁻¹Qᵀ with R⁻¹ = [[1/r11, −r12/(r11 r22)], [0, 1/r22]].
      inverseRow0 = (0..<n).map { q1[$0] / r11 - r12 / (r11 * r22) * q2[$0] }
      inverseRow1 = q2.map { $0 / r22 }
    } else {
      // Rank 1: T = q1 (r11, r12) = σ u vᵀ, so T⁺ = v uᵀ / σ.
      rank = r11 > 0 ? 1 : 0
      let sigma = (r11 * r11 + r12 * r12).squareRoot()
      if sigma > 0 {
        q1 = q1.map { $0 / sigma }
        inverseRow0 = q1.map { $0 * r11 / sigma }
        inverseRow1 = q1.map { $0 * r12 / sigma }
      } else {
        inverseRow0 = Array(repeating: 0, count: n)
        inverseRow1 = Array(repeating: 0, count: n)
      }
    }
    var independent = rank == 2
    if independent {
      outer: for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) {
          let determinant = column0[i] * column1[j] - column1[i] * column0[j]
          let scale =
            (column0[i] * column0[i] + column1[i] * column1[i]).squareRoot()
            * (column0[j] * column0[j] + column1[j] * column1[j]).squareRoot()
          if abs(determinant) <= Self.rankTolerance * scale {
            independent = false
            break outer
          }
        }
      }
    }
    rowsPairwiseIndependent = independent
  }
}
