import Testing

@testable import ManifoldKit

@Suite struct Theorem1Tests {
  /// Σ_{j<2} C(n, j)/2ⁿ = (1 + n)/2ⁿ for a 2-D manifold, worked by hand.
  static let cases: [(Int, Double)] = [
    (2, 3.0 / 4),  // 1 − C(2,0)/4: only the all-positive quadrant (1 of 4) survives
    (3, 4.0 / 8),
    (5, 6.0 / 32),
    (15, 16.0 / 32768),
    (30, 31.0 / 1_073_741_824),
  ]

  @Test(arguments: cases)
  func collapsedFractionForTheSpiral(n: Int, expected: Double) {
    #expect(abs(Theorem1.collapsedFraction(embeddingDimension: n, manifoldDimension: 2) - expected) < 1e-15)
  }

  @Test func generalManifoldDimension() {
    // m = 6, k = 3: (C(6,0) + C(6,1) + C(6,2))/64 = (1 + 6 + 15)/64.
    #expect(abs(Theorem1.collapsedFraction(embeddingDimension: 6, manifoldDimension: 3) - 22.0 / 64) < 1e-15)
    #expect(Theorem1.collapsedFraction(embeddingDimension: 2, manifoldDimension: 3) == 1)
    #expect(Theorem1.collapsedFraction(embeddingDimension: 4096, manifoldDimension: 2) == 0)
    #expect(abs(Theorem1.preservedFraction(embeddingDimension: 2, manifoldDimension: 2) - 0.25) < 1e-15)
  }
}
