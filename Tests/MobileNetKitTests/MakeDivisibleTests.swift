import Testing

@testable import MobileNetKit

/// Values worked by hand from TF-slim's `_make_divisible` (paper-facts §10.1):
/// new_v = max(8, int(v + 4) // 8 * 8), plus 8 if new_v < 0.9 v.
@Suite struct MakeDivisibleTests {
  static let cases: [(Double, Int)] = [
    (32 * 0.35, 16),  // int(15.2)=15 → 8; 8 < 10.08 so +8 → 16 (the 10% rule)
    (16 * 0.35, 8),  // int(9.6)=9 → 8
    (64 * 0.35, 24),  // int(26.4)=26 → 24; 24 ≥ 20.16
    (96 * 0.35, 32),  // int(37.6)=37 → 32; 32 ≥ 30.24
    (24 * 1.3, 32),  // int(35.2)=35 → 32
    (1280 * 1.4, 1792),  // exactly divisible
    (1280 * 1.3, 1664),  // int(1668)=1668 → 1664
    (3.0, 8),  // the minimum of 8
    (160 * 0.75, 120),
  ]

  @Test(arguments: cases)
  func matchesHandDerivation(value: Double, expected: Int) {
    #expect(makeDivisible(value) == expected)
  }

  @Test func neverFallsMoreThanTenPercentBelow() {
    for tenths in 1...4000 {
      let value = Double(tenths) / 10
      let result = makeDivisible(value)
      #expect(Double(result) >= 0.9 * value)
      #expect(result % 8 == 0)
    }
  }
}
