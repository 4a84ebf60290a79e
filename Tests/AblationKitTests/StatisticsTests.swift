import Testing

@testable import AblationKit

@Suite struct StatisticsTests {
  /// Mean, sd and the 95% interval worked by hand for 1, 2, 3, 4, 5: mean 3, sd √2.5 =
  /// 1.58114, t(0.975, 4) = 2.776, half width 2.776 · 1.58114 / √5 = 1.96296.
  @Test func handWorkedExample() {
    let stats = SeedStatistics([1, 2, 3, 4, 5])
    #expect(stats.mean == 3)
    #expect(abs(stats.standardDeviation - 2.5.squareRoot()) < 1e-12)
    #expect(abs(stats.confidenceHalfWidth - 2.776 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-12)
  }

  /// Published two-sided 95% t quantiles (any statistics table): the tabulated values exactly,
  /// and between them within 0.003 (ν = 35: 2.030, ν = 50: 2.009, ν = 200: 1.972).
  @Test func studentQuantiles() {
    #expect(StudentT.quantile975(degreesOfFreedom: 1) == 12.706)
    #expect(StudentT.quantile975(degreesOfFreedom: 9) == 2.262)
    #expect(StudentT.quantile975(degreesOfFreedom: 30) == 2.042)
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 35) - 2.030) < 0.003)
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 50) - 2.009) < 0.003)
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 200) - 1.972) < 0.003)
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 1e9) - 1.960) < 0.001)
  }

  /// Welch's interval by hand: a = {10, 12, 14} (mean 12, var 4), b = {5, 6, 7} (mean 6,
  /// var 1): se = √(4/3 + 1/3) = 1.29099, ν = (5/3)² / ((4/3)²/2 + (1/3)²/2) = 2.94118.
  @Test func welchDifference() {
    let (difference, halfWidth) = SeedStatistics([10, 12, 14]).difference(from: SeedStatistics([5, 6, 7]))
    #expect(difference == 6)
    let se = (5.0 / 3).squareRoot()
    let nu = (25.0 / 9) / ((16.0 / 9) / 2 + (1.0 / 9) / 2)
    #expect(abs(nu - 2.941_18) < 1e-5)
    #expect(abs(halfWidth - StudentT.quantile975(degreesOfFreedom: nu) * se) < 1e-12)
    #expect(halfWidth > 3.9 && halfWidth < 4.2)  // t(0.975, 2.94) ≈ 3.2
  }
}
