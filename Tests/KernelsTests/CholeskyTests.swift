import Testing

@testable import Kernels

@Suite struct CholeskyTests {
  static func spd(_ size: Int) -> Matrix<Double> {
    let x = MatrixProductTests.matrix(size + 20, size, salt: 21, Double.self)
    return MatrixProductTests.naive(x.transposed, x)
  }

  /// Each entry of L by its definition: s = a[j][i] − Σ_{q<j} L[i][q]·L[j][q], the sum in
  /// four lanes (term q in lane q mod 4) folded as (l₀ + l₂) + (l₁ + l₃).
  @Test func factorEqualsItsDefinitionBitForBit() throws {
    let a = Self.spd(37)
    let factor = try #require(a.choleskyFactor())
    var expected = Matrix<Double>(rows: 37, columns: 37)
    for i in 0..<37 {
      for j in 0...i {
        var lanes = [0.0, 0.0, 0.0, 0.0]
        for q in 0..<j { lanes[q % 4] = lanes[q % 4] + expected[i, q] * expected[j, q] }
        let s = a[j, i] - ((lanes[0] + lanes[2]) + (lanes[1] + lanes[3]))
        expected[i, j] = i == j ? s.squareRoot() : s / expected[j, j]
      }
    }
    #expect(factor == expected)
    // And it is a factor: L·Lᵀ reproduces the matrix.
    let product = MatrixProductTests.naive(factor, factor.transposed)
    for i in 0..<37 { for j in 0..<37 { #expect(abs(product[i, j] - a[i, j]) < 1e-12 * a[i, i]) } }
  }

  @Test func notPositiveDefiniteIsNil() {
    var singular = Self.spd(9)
    for c in 0..<9 {
      singular[0, c] = 0
      singular[c, 0] = 0
    }
    #expect(singular.choleskyFactor() == nil)
    var negative = Matrix<Double>.identity(3)
    negative[1, 1] = -1
    #expect(negative.choleskyFactor() == nil)
  }

  @Test func solveInvertsTheMatrix() throws {
    let a = Self.spd(12)
    let b = MatrixProductTests.matrix(12, 3, salt: 22, Double.self)
    let x = try #require(a.choleskyFactor()).choleskySolve(b)
    let back = MatrixProductTests.naive(a, x)
    for i in 0..<12 { for j in 0..<3 { #expect(abs(back[i, j] - b[i, j]) < 1e-9) } }
  }
}
