import Foundation
import Testing

@testable import AblationKit

@Suite struct StatisticsTests {
  /// Mean, sd and the 95% interval worked by hand for 1, 2, 3, 4, 5: mean 3, sd √2.5 =
  /// 1.58114, t(0.975, 4) = 2.7764451052 (scipy), half width 2.77645 · 1.58114 / √5 = 1.96324.
  @Test func handWorkedExample() {
    let stats = SeedStatistics([1, 2, 3, 4, 5])
    #expect(stats.mean == 3)
    #expect(abs(stats.standardDeviation - 2.5.squareRoot()) < 1e-12)
    #expect(abs(stats.confidenceHalfWidth - 2.776_445_105_2 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-9)
  }

  /// scipy's `t.ppf(0.975, ν)` for 260 values of ν from 1 to 1000, fractions included
  /// (Fixtures/student_t_975.csv, made by scripts/make_student_t_fixture.py): within 1e-8
  /// everywhere, where the old interpolated table was off by 1.33 at ν = 1.3.
  @Test func studentQuantilesMatchScipy() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/student_t_975.csv")
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      .filter { !$0.hasPrefix("#") && !$0.hasPrefix("nu") }
    #expect(rows.count == 260)
    var worst = 0.0
    for row in rows {
      let fields = row.split(separator: ",").compactMap { Double($0) }
      try #require(fields.count == 2, "\(row)")
      let error = abs(StudentT.quantile975(degreesOfFreedom: fields[0]) - fields[1])
      worst = max(worst, error)
      #expect(
        error < 1e-8, "ν = \(fields[0]): \(StudentT.quantile975(degreesOfFreedom: fields[0])) vs \(fields[1])"
      )
    }
    #expect(worst < 1e-8)
    // The normal limit: Φ⁻¹(0.975) = 1.959963984540054.
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 1e9) - 1.959_963_984_540_054) < 1e-6)
  }

  /// Closed forms a student can check: ν = 1 is the Cauchy distribution, t = tan(0.475π) =
  /// 12.7062047361747; ν = 2 has t = q·√(2 / (1 − q²)) with q = 2p − 1 = 0.95: 4.30265272975.
  @Test func closedFormQuantiles() {
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 1) - 12.706_204_736_174_7) < 1e-9)
    let q = 2 * 0.975 - 1
    #expect(abs(StudentT.quantile975(degreesOfFreedom: 2) - q * (2 / (1 - q * q)).squareRoot()) < 1e-9)
  }

  /// Welch's interval by hand: a = {10, 12, 14} (mean 12, var 4), b = {5, 6, 7} (mean 6,
  /// var 1): se = √(4/3 + 1/3) = 1.29099, ν = (5/3)² / ((4/3)²/2 + (1/3)²/2) = 2.94118.
  /// The paired interval by hand: per-seed differences 0.05, 0, 0.10 have mean 0.05 and sd
  /// 0.05; t(0.975, 2) = 4.302652729911275 (scipy), half width 4.30265 · 0.05 / √3 = 0.12421.
  /// Where the seeds move together the pairing narrows the interval a lot: Welch's, on the
  /// same numbers, is wider.
  @Test func pairedDifferenceByHand() {
    let paper = SeedStatistics([0.90, 0.80, 0.70]), other = SeedStatistics([0.85, 0.80, 0.60])
    let (difference, halfWidth) = paper.pairedDifference(from: other)
    #expect(abs(difference - 0.05) < 1e-12)
    #expect(abs(halfWidth - 4.302_652_729_911_275 * 0.05 / 3.0.squareRoot()) < 1e-9)
    #expect(paper.difference(from: other).halfWidth > halfWidth)
  }

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
