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

  /// The paired comparison with `other`, seed by seed: run r of every variant shares its
  /// initial weights and its batch order, so the per-seed differences are the design's own
  /// sample. Their mean, and the half width of its 95% interval, t(0.975, n − 1) · sd / √n.
  public func pairedDifference(from other: SeedStatistics) -> (difference: Double, halfWidth: Double) {
    let n = min(count, other.count)
    let differences = SeedStatistics((0..<n).map { values[$0] - other.values[$0] })
    return (differences.mean, differences.confidenceHalfWidth)
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
