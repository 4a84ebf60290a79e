/// Mean, sample standard deviation and a 95% interval of per-seed results, and the
/// comparison of two such sets, for the verdict lines.
public struct SeedStatistics: Equatable, Sendable {
  public var values: [Double]

  public init(_ values: [Double]) { self.values = values }

  public var count: Int { values.count }

  /// Summed in order, so the same values give the same bits.
  public var mean: Double {
    guard !values.isEmpty else { return 0 }
    var sum = 0.0
    for value in values { sum += value }
    return sum / Double(values.count)
  }

  /// The sample standard deviation (n − 1), 0 for a single value.
  public var standardDeviation: Double {
    guard values.count > 1 else { return 0 }
    let m = mean
    var sum = 0.0
    for value in values { sum += (value - m) * (value - m) }
    return (sum / Double(values.count - 1)).squareRoot()
  }

  /// Half the width of the 95% interval of the mean: t(0.975, n − 1) · sd / √n.
  public var confidenceHalfWidth: Double {
    guard values.count > 1 else { return 0 }
    return StudentT.quantile975(degreesOfFreedom: Double(values.count - 1)) * standardDeviation
      / Double(values.count).squareRoot()
  }

  /// Welch's comparison of this set's mean with `other`'s: the difference, and the half
  /// width of its 95% interval with the Welch–Satterthwaite degrees of freedom.
  public func difference(from other: SeedStatistics) -> (difference: Double, halfWidth: Double) {
    let a = standardDeviation * standardDeviation / Double(max(1, count))
    let b = other.standardDeviation * other.standardDeviation / Double(max(1, other.count))
    let difference = mean - other.mean
    guard a + b > 0, count > 1, other.count > 1 else { return (difference, 0) }
    let degrees =
      (a + b) * (a + b) / (a * a / Double(count - 1) + b * b / Double(other.count - 1))
    return (difference, StudentT.quantile975(degreesOfFreedom: degrees) * (a + b).squareRoot())
  }
}

/// The 0.975 quantile of Student's t, from the standard table, so the 95% intervals need no
/// special functions. Between tabulated values it interpolates linearly in 1/ν, which is
/// within 0.002 of the exact quantile for every ν ≥ 1.
public enum StudentT {
  static let table: [(Double, Double)] = [
    (1, 12.706), (2, 4.303), (3, 3.182), (4, 2.776), (5, 2.571), (6, 2.447), (7, 2.365), (8, 2.306),
    (9, 2.262), (10, 2.228), (11, 2.201), (12, 2.179), (13, 2.160), (14, 2.145), (15, 2.131), (16, 2.120),
    (17, 2.110), (18, 2.101), (19, 2.093), (20, 2.086), (21, 2.080), (22, 2.074), (23, 2.069), (24, 2.064),
    (25, 2.060), (26, 2.056), (27, 2.052), (28, 2.048), (29, 2.045), (30, 2.042), (40, 2.021), (60, 2.000),
    (120, 1.980),
  ]

  public static func quantile975(degreesOfFreedom nu: Double) -> Double {
    guard nu >= 1 else { return table[0].1 }
    if let exact = table.first(where: { $0.0 == nu }) { return exact.1 }
    guard let upper = table.firstIndex(where: { $0.0 > nu }) else {
      // Beyond 120: toward the normal 1.960, linearly in 1/ν.
      let t = 120 / nu
      return 1.960 + (1.980 - 1.960) * t
    }
    let (nu0, t0) = table[upper - 1], (nu1, t1) = table[upper]
    let position = (1 / nu - 1 / nu0) / (1 / nu1 - 1 / nu0)
    return t0 + (t1 - t0) * position
  }
}
